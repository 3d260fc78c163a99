package net.backup.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class NoDelaySocketsTest {
    @Test
    void socketsHaveNaglesAlgorithmOffBeforeTheyConnect() throws Exception {
        try (Socket unconnected = NoDelaySockets.INSTANCE.createSocket()) {
            assertThat(unconnected.isConnected()).isFalse();
            assertThat(unconnected.getTcpNoDelay()).isTrue();
        }
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket connected = NoDelaySockets.INSTANCE.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            assertThat(connected.isConnected()).isTrue();
            assertThat(connected.getTcpNoDelay()).isTrue();
        }
    }
}
