package net.backup.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NoDelaySocketsTest {
    @Test
    void socketsHaveNaglesAlgorithmOffBeforeTheyConnect() throws Exception {
        try (Socket unconnected = new NoDelaySockets().createSocket()) {
            assertThat(unconnected.isConnected()).isFalse();
            assertThat(unconnected.getTcpNoDelay()).isTrue();
        }
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket connected = new NoDelaySockets().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            assertThat(connected.isConnected()).isTrue();
            assertThat(connected.getTcpNoDelay()).isTrue();
        }
    }

    @Test
    void inputIsReadThroughOneBufferHoweverOftenItIsAskedFor() throws Exception {
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket connected = new NoDelaySockets().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket peer = server.accept()) {
            peer.getOutputStream().write("SSH-2.0-device\r\nmore".getBytes(StandardCharsets.US_ASCII));
            var input = connected.getInputStream();
            assertThat(input).isInstanceOf(BufferedInputStream.class).isSameAs(connected.getInputStream());
            // A byte at a time, as sshj reads the version line: what the buffer read ahead is not lost.
            assertThat((char) input.read()).isEqualTo('S');
            assertThat(new String(connected.getInputStream().readNBytes(19), StandardCharsets.US_ASCII))
                    .isEqualTo("SH-2.0-device\r\nmore");
        }
    }
}
