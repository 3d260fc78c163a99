package net.backup.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.backup.platform.Platform;
import net.backup.platform.Platforms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --redact on realistic configuration excerpts of each built-in platform, written from the vendors'
 * configuration guides: every secret string is gone, the marker stands exactly where the secret stood
 * (not in place of a type digit before it), and every line without a secret is kept byte for byte.
 */
class SecretFormsTest {
    private static final String MARKER = "<redacted:[0-9a-f]{8}>";

    @TempDir
    Path dir;

    private void assertRedacted(String platformName, String config, String... secrets) throws IOException {
        Platform platform = Platforms.builtIn().find(platformName).orElseThrow();
        for (String secret : secrets) {
            assertThat(config).as("the excerpt holds " + secret).contains(secret);
        }

        String redacted = Redactor.forDirectory(dir).redact(config, platform.secrets());

        assertThat(redacted).doesNotContain(secrets);
        String[] before = config.split("\n", -1);
        String[] after = redacted.split("\n", -1);
        assertThat(after).hasSameSizeAs(before);
        Pattern anySecret = Pattern.compile(List.of(secrets).stream().sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote).collect(Collectors.joining("|")));
        for (int i = 0; i < before.length; i++) {
            assertThat(after[i]).as("line %d of %s", i + 1, platformName).matches(expected(before[i], anySecret));
        }
    }

    /** The line with each secret replaced by a marker, as a regex; a line without a secret must stay as it is. */
    private static String expected(String line, Pattern anySecret) {
        var regex = new StringBuilder();
        Matcher m = anySecret.matcher(line);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(line.substring(last, m.start()))).append(MARKER);
            last = m.end();
        }
        return regex.append(Pattern.quote(line.substring(last))).toString();
    }

    @Test
    void ciscoIosAndIosXe() throws IOException {
        assertRedacted("cisco_ios", """
                !
                version 17.9
                service password-encryption
                hostname edge1
                !
                enable secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM
                !
                username admin privilege 15 secret 9 $9$Ch3EPw7kfR.X4U$zPvTiPz2CLj.W0yvNpl1uxJwS9Wr4HW1WJd8mOuXl8Y
                username netops password 7 094F471A1A0A
                !
                aaa new-model
                aaa authentication login default group tacacs+ local
                aaa server radius dynamic-author
                 client 10.20.0.5 server-key 7 00071A150754
                 server-key Rad1usDyn
                !
                key config-key password-encrypt K3yC0nfig!
                password encryption aes
                !
                key chain OSPF-KEYS
                 key 1
                  key-string 7 104D000A0618
                  cryptographic-algorithm hmac-sha-256
                !
                crypto isakmp key IsakmpPsk99 address 203.0.113.9
                crypto keyring KR-V1
                  pre-shared-key address 198.51.100.9 key KeyringV1Psk
                crypto ikev2 keyring KR-SITES
                 peer BRANCH1
                  address 198.51.100.7
                  pre-shared-key local Ikev2LocalPsk
                  pre-shared-key remote Ikev2RemotePsk
                 peer BRANCH2
                  address 198.51.100.8
                  pre-shared-key 6 FLgBaJHXdYY_AcHZZMgQ_RhTDJXHUBAAB
                !
                interface GigabitEthernet1
                 description uplink to core (standby password docs in wiki)
                 ip address 10.0.0.1 255.255.255.0
                 standby 1 ip 10.0.0.254
                 standby 1 authentication md5 key-string 7 0822455D0A1617 timeout 300
                 standby 2 authentication Hsrp2Txt
                 standby 3 authentication md5 key-chain HSRP-KC
                 vrrp 5 authentication text VrrpTxt5
                 vrrp 6 authentication md5 key-string VrrpMd5Key
                 ip ospf message-digest-key 1 md5 7 045802150C2E
                 ip ospf authentication-key 7 13061E010803
                 isis password IsisIfPw
                !
                router isis CORE
                 area-password IsisAreaPw authenticate snp validate
                !
                router bgp 65001
                 neighbor 192.0.2.1 remote-as 65002
                 neighbor 192.0.2.1 password 7 045802150C2E1D1C5A
                !
                ntp authentication-key 1 md5 121A0C0411045D5679 7
                ntp authentication-key 2 md5 NtpPlainKey
                ntp authenticate
                ntp trusted-key 1
                ntp server 192.0.2.123 key 1
                !
                snmp-server community Comm1RO RO 10
                snmp-server community Comm2RW RW
                snmp-server location Rack 4, Building C
                snmp-server host 192.0.2.10 version 2c HostComm2c
                snmp-server host 192.0.2.11 informs version 2c InformComm
                snmp-server host 192.0.2.12 HostCommV1
                snmp-server host 192.0.2.13 vrf Mgmt-intf version 2c VrfHostComm udp-port 2162
                snmp-server host 192.0.2.14 version 3 priv v3user
                snmp-server host 192.0.2.15 informs version 3 auth v3user
                snmp-server user v3user V3GROUP v3 auth sha AuthPass123 priv aes 128 PrivPass456
                snmp-server group V3GROUP v3 priv
                snmp-server enable traps snmp authentication linkdown linkup
                !
                tacacs server TAC1
                 address ipv4 192.0.2.49
                 key 7 0802455D0A16544541
                radius server ISE1
                 address ipv4 192.0.2.50 auth-port 1812 acct-port 1813
                 key 7 01100F175804575D72
                radius server ISE2
                 pac key RadPacKey
                tacacs-server host 192.0.2.51 key TacLegacyKey
                radius-server host 192.0.2.52 auth-port 1645 acct-port 1646 key 7 111A0B0A0E1D
                aaa group server radius RAD-GRP
                 server-private 192.0.2.53 auth-port 1812 acct-port 1813 key 7 05080F1C2243
                !
                interface Serial0/0/0
                 encapsulation ppp
                 ppp chap password 7 00071A1507545A545C
                !
                ip ftp password 7 1511021F07257A767B
                l2tp-class L2TP-C
                 l2tp tunnel password 7 0A1B2C3D4E5F66
                vpdn username lac1 password 7 1A2B3C4D5E6F77
                !
                line con 0
                 password 7 0822455D0A16
                 logging synchronous
                line vty 0 4
                 password LinePlain1
                 transport input ssh
                !
                end
                """, "$9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM",
                "$9$Ch3EPw7kfR.X4U$zPvTiPz2CLj.W0yvNpl1uxJwS9Wr4HW1WJd8mOuXl8Y", "094F471A1A0A", "00071A150754", "Rad1usDyn",
                "K3yC0nfig!", "104D000A0618", "IsakmpPsk99", "KeyringV1Psk", "Ikev2LocalPsk", "Ikev2RemotePsk",
                "FLgBaJHXdYY_AcHZZMgQ_RhTDJXHUBAAB", "0822455D0A1617", "Hsrp2Txt", "VrrpTxt5", "VrrpMd5Key", "045802150C2E",
                "13061E010803", "IsisIfPw", "IsisAreaPw", "045802150C2E1D1C5A", "121A0C0411045D5679", "NtpPlainKey",
                "Comm1RO", "Comm2RW", "HostComm2c", "InformComm", "HostCommV1", "VrfHostComm", "AuthPass123", "PrivPass456",
                "0802455D0A16544541", "01100F175804575D72", "RadPacKey", "TacLegacyKey", "111A0B0A0E1D", "05080F1C2243",
                "00071A1507545A545C", "1511021F07257A767B", "0A1B2C3D4E5F66", "1A2B3C4D5E6F77", "0822455D0A16", "LinePlain1");
    }

    @Test
    void ciscoCatalyst9800WirelessController() throws IOException {
        assertRedacted("cisco_xe", """
                hostname wlc1
                username admin privilege 15 password 0 WlcAdminPw
                radius server ISE
                 address ipv4 192.0.2.50 auth-port 1812 acct-port 1813
                 key 7 1306181B0B1C
                wlan CORP 1 CORP
                 security wpa psk set-key ascii 0 WpaPskCorp99
                 no security wpa akm dot1x
                 security wpa akm psk
                 no shutdown
                wlan GUEST 2 GUEST
                 security wpa psk set-key ascii 8 aQZbTLJPEUFSVJd_KUYWMLABHHOEHKGD
                ap profile default-ap-profile
                 description "default ap profile"
                 mgmtuser username apadmin password 0 ApMgmtPass1 secret 0 ApMgmtSecret1
                 dot1x username apsupp password 0 ApDot1xPass
                dot11 ssid LEGACY
                 authentication key-management wpa
                 wpa-psk ascii 7 0822455D0A165445415F
                end
                """, "WlcAdminPw", "1306181B0B1C", "WpaPskCorp99", "aQZbTLJPEUFSVJd_KUYWMLABHHOEHKGD", "ApMgmtPass1",
                "ApMgmtSecret1", "ApDot1xPass", "0822455D0A165445415F");
    }

    @Test
    void aristaEos() throws IOException {
        assertRedacted("arista_eos", """
                ! Command: show running-config
                ! device: leaf1 (vEOS-lab, EOS-4.31.2F)
                !
                hostname leaf1
                !
                aaa root secret sha512 $6$rQPr1ZRDvOwNb6C4$Xq0vWqrbJ0zLtI8z8JcNnPPuHs/sgsWe8KGNtDBO0JqgRZzMVp
                enable password sha512 $6$EbVhh.4JYdzF0V1Z$IfWIgMU1mI2lm3svd1mtfRZvx8BCLG5jPEG3SBMI1oD8LNl
                username admin privilege 15 role network-admin secret sha512 $6$2tTfAqhHmBMS1ZBv$MH3FTMbbyELNnC6gdVe
                username ops secret 0 OpsPlain77
                username oldsw secret 5 $1$J6ql$Zt8XKFPdeHtrp5d1yqU1O/
                username labuser privilege 15 secret 9 $9$EosLabHashX1
                username readonly nopassword
                username admin ssh-key ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMq9Kq admin@laptop
                !
                snmp-server community Eos-RO-Comm ro
                snmp-server host 192.0.2.20 version 2c EosHostComm
                snmp-server host 192.0.2.21 vrf MGMT informs version 2c EosVrfInform
                snmp-server user eosv3 V3GRP v3 localized 80000002b8 auth sha 3b9ac0f2c4d9a0be priv aes 9f2e0c1a7b8d
                !
                tacacs-server host 192.0.2.49 key 7 070C285F4D06
                radius-server key 7 0207165218120E
                radius-server host 192.0.2.52 vrf MGMT key 7 1306181B0B1C
                ntp authentication-key 1 md5 7 070C285F4D0617
                ntp trusted-key 1
                !
                tacacs server TAC1
                 key 7 14141B180F0B
                !
                interface Ethernet1
                   description peer link (password rotation per RFC)
                   ip ospf authentication-key 7 0822455D0A16Ab==
                   ip ospf message-digest-key 1 md5 7 05080F1C2243
                   vrrp 1 peer authentication text EosVrrpTxt
                !
                router bgp 65010
                   neighbor 192.0.2.1 password 7 Dm6qRiR5R2eoLAmHUlk9Vw==
                   neighbor SPINES peer group
                   neighbor SPINES password 7 AQQvKeimxJu+uGQ/yYvv9w==
                !
                management api http-commands
                   no shutdown
                !
                end
                """, "$6$rQPr1ZRDvOwNb6C4$Xq0vWqrbJ0zLtI8z8JcNnPPuHs/sgsWe8KGNtDBO0JqgRZzMVp",
                "$6$EbVhh.4JYdzF0V1Z$IfWIgMU1mI2lm3svd1mtfRZvx8BCLG5jPEG3SBMI1oD8LNl", "$6$2tTfAqhHmBMS1ZBv$MH3FTMbbyELNnC6gdVe",
                "OpsPlain77", "$1$J6ql$Zt8XKFPdeHtrp5d1yqU1O/", "$9$EosLabHashX1", "Eos-RO-Comm", "EosHostComm",
                "EosVrfInform", "3b9ac0f2c4d9a0be", "9f2e0c1a7b8d", "070C285F4D06", "0207165218120E", "1306181B0B1C",
                "070C285F4D0617", "14141B180F0B", "0822455D0A16Ab==", "05080F1C2243", "EosVrrpTxt", "Dm6qRiR5R2eoLAmHUlk9Vw==",
                "AQQvKeimxJu+uGQ/yYvv9w==");
    }

    @Test
    void ciscoNxos() throws IOException {
        assertRedacted("cisco_nxos", """
                !Command: show running-config
                version 10.3(2) Bios:version
                hostname nx1
                feature tacacs+
                feature hsrp
                feature bgp
                password strength-check
                no password strength-check
                enable secret 5 $1$NxEnable$q0vWqrbJ0zLt
                username admin password 5 $5$OJNKNK$BuPZZbHBKDCF6Dni5tmhRQjHMWLy9C2twRUpHbBxbg5  role network-admin
                username ops password 5 $5$KDEHBN$X.93Zj0sS9ZfS1vRuUx1zq/Ipa8hQjtngGaMPIwdZG5 role network-operator
                username locked password 5 !  role network-operator
                username admin sshkey ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7
                username labuser privilege 15 secret 9 $9$NxLabHashQ2
                tacacs-server key 7 "wawy1234"
                tacacs-server host 192.0.2.49 key 7 "fewhg1234"
                radius-server host 192.0.2.52 key 7 "VwritosRkk" authentication accounting
                tacacs server TAC1
                 key 7 0A0B0C0D0E0F11
                snmp-server user admin network-admin auth md5 0x1f6e3b2d9c8a7e5f4d3c2b1a09f8e7d6 priv 0x7a8b9c0d1e2f3a4b5c6d7e8f90a1b2c3 localizedkey
                snmp-server user monitor network-operator auth sha 0x5e4d3c2b1a0998877665544332211 priv aes-128 0xaabbccddeeff00112233445566778899 localizedkey
                snmp-server host 192.0.2.20 traps version 2c NxTrapComm
                snmp-server host 192.0.2.20 use-vrf management
                snmp-server community NxRoComm group network-operator
                ntp authentication-key 1 md5 NxNtpKey 7
                ntp server 192.0.2.123 use-vrf management key 1
                interface Vlan10
                  description users (hsrp key rotation documented)
                  hsrp 10
                    authentication md5 key-string NxHsrpKey
                    ip 10.10.0.1
                  hsrp 11
                    authentication text NxHsrpTxt
                  ip ospf authentication-key 3 7d5c3a9b1e2f
                  ip ospf message-digest-key 1 md5 3 0d2e9a8b7c6f
                router bgp 65020
                  neighbor 192.0.2.1
                    remote-as 65001
                    password 3 a667d47acc18ea6b
                key chain KC1
                  key 1
                    key-string 7 070c285f4d06
                """, "$1$NxEnable$q0vWqrbJ0zLt", "$5$OJNKNK$BuPZZbHBKDCF6Dni5tmhRQjHMWLy9C2twRUpHbBxbg5",
                "$5$KDEHBN$X.93Zj0sS9ZfS1vRuUx1zq/Ipa8hQjtngGaMPIwdZG5", "$9$NxLabHashQ2", "wawy1234", "fewhg1234", "VwritosRkk",
                "0A0B0C0D0E0F11", "0x1f6e3b2d9c8a7e5f4d3c2b1a09f8e7d6", "0x7a8b9c0d1e2f3a4b5c6d7e8f90a1b2c3",
                "0x5e4d3c2b1a0998877665544332211", "0xaabbccddeeff00112233445566778899", "NxTrapComm", "NxRoComm", "NxNtpKey",
                "NxHsrpKey", "NxHsrpTxt", "7d5c3a9b1e2f", "0d2e9a8b7c6f", "a667d47acc18ea6b", "070c285f4d06");
    }

    @Test
    void ciscoIosXr() throws IOException {
        assertRedacted("cisco_xr", """
                Fri Nov 27 10:01:15.123 UTC
                Building configuration...
                !! IOS XR Configuration 7.9.2
                !
                hostname pe1
                username admin
                 group root-lr
                 group cisco-support
                 secret 10 $6$Nq0a//zyhl7v./..$LsVmq2TEPlpzOtlbcjNF2uvmhYJGFsyzLDcwZ38OMR7qpJDf
                !
                username ops
                 group operator
                 password 7 110A1016141D
                !
                username legacy secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0
                username labuser privilege 15 secret 9 $9$XrLabHashZ3
                enable secret 9 $9$XrEnableHashW4
                tacacs-server host 192.0.2.49 port 49
                 key 7 0822455D0A16
                !
                tacacs-server key 7 1511021F0725
                radius-server host 192.0.2.52 auth-port 1812 acct-port 1813
                 key 7 01100F175804
                !
                aaa server radius dynamic-author
                 client 192.0.2.60 vrf default
                  server-key 7 13061E010803
                !
                snmp-server community XrRoComm RO
                snmp-server host 192.0.2.20 traps version 2c XrTrapComm
                snmp-server user xrv3 XRGRP v3 auth sha encrypted 0822455D0A165445 priv aes 128 encrypted 1511021F07257A76
                ntp
                 authentication-key 1 md5 encrypted 045802150C2E
                 authenticate
                 trusted-key 1
                !
                key chain ISIS-KC
                 key 1
                  accept-lifetime 00:00:00 january 01 2026 infinite
                  key-string password 7 105D1C0A1D0B
                  cryptographic-algorithm HMAC-MD5
                !
                router ospf CORE
                 area 0
                  interface GigabitEthernet0/0/0/0
                   authentication message-digest
                   message-digest-key 1 md5 encrypted 094F471A1A0A
                   authentication-key encrypted 02050D480809
                !
                router bgp 65030
                 neighbor 192.0.2.1
                  remote-as 65001
                  password encrypted 13061E0108
                 neighbor 192.0.2.2
                  remote-as 65002
                  password inheritance-disable
                !
                end
                """, "$6$Nq0a//zyhl7v./..$LsVmq2TEPlpzOtlbcjNF2uvmhYJGFsyzLDcwZ38OMR7qpJDf", "110A1016141D",
                "$1$mERr$hx5rVt7rPNoS4wqbXKX7m0", "$9$XrLabHashZ3", "$9$XrEnableHashW4", "0822455D0A16", "1511021F0725",
                "01100F175804", "13061E010803", "XrRoComm", "XrTrapComm", "0822455D0A165445", "1511021F07257A76",
                "045802150C2E", "105D1C0A1D0B", "094F471A1A0A", "02050D480809", "13061E0108");
    }

    @Test
    void ciscoAsa() throws IOException {
        assertRedacted("cisco_asa", """
                : Saved
                :
                : Hardware:   ASAv, 2048 MB RAM
                :
                ASA Version 9.18(2)
                !
                hostname fw1
                enable password $sha512$5000$6D8bJLwUNaLhqC8yD7XmIg==$ZoMtVtWhTY1F+JvN2JgSqA== pbkdf2
                enable password 8Ry2YjIyt7RRXU24 encrypted
                enable secret 9 $9$AsaLabHashV5
                passwd 2KFQnbNIdI.2KYOU encrypted
                names
                !
                interface GigabitEthernet0/0
                 nameif outside
                 security-level 0
                 ip address 203.0.113.2 255.255.255.0
                 ospf authentication-key AsaOspfKey
                 ospf message-digest-key 1 md5 AsaOspfMd5
                !
                username admin password $sha512$5000$aBcD$eFgH pbkdf2 privilege 15
                username legacy password Xh1Ks2p9Qw8Er7Ty encrypted privilege 15
                username labuser privilege 15 secret 9 $9$AsaLabUserU6
                username vpnuser attributes
                 vpn-group-policy GP-REMOTE
                aaa-server TACACS protocol tacacs+
                aaa-server TACACS (inside) host 192.0.2.49
                 key AsaTacKey1
                aaa-server RAD protocol radius
                aaa-server RAD (inside) host 192.0.2.52
                 key AsaRadKey2
                 radius-common-pw AsaRadCommon
                aaa-server LDAP (inside) host 192.0.2.53
                 ldap-login-password AsaLdapPw
                 ldap-login-dn cn=svc,dc=example,dc=net
                tacacs server TAC1
                 key 7 0B0C0D0E0F1011
                snmp-server host inside 192.0.2.5 community AsaHostComm version 2c
                snmp-server community AsaComm
                snmp-server user asav3 V3GRP v3 encrypted auth sha 5e:4d:3c:2b priv aes 128 7a:8b:9c:0d
                ntp authentication-key 1 md5 AsaNtpKey
                failover key AsaFailoverKey
                key config-key password-encryption AsaMasterPass
                tunnel-group 198.51.100.7 type ipsec-l2l
                tunnel-group 198.51.100.7 ipsec-attributes
                 ikev1 pre-shared-key AsaIkev1Psk
                 ikev2 remote-authentication pre-shared-key AsaIkev2Remote
                 ikev2 local-authentication pre-shared-key AsaIkev2Local
                tunnel-group OLDPEER ipsec-attributes
                 pre-shared-key AsaOldPsk
                router bgp 65040
                 address-family ipv4 unicast
                  neighbor 192.0.2.1 password 0 AsaBgpPw
                Cryptochecksum:0123456789abcdef0123456789abcdef
                : end
                """, "$sha512$5000$6D8bJLwUNaLhqC8yD7XmIg==$ZoMtVtWhTY1F+JvN2JgSqA==", "8Ry2YjIyt7RRXU24", "$9$AsaLabHashV5",
                "2KFQnbNIdI.2KYOU", "AsaOspfKey", "AsaOspfMd5", "$sha512$5000$aBcD$eFgH", "Xh1Ks2p9Qw8Er7Ty", "$9$AsaLabUserU6",
                "AsaTacKey1", "AsaRadKey2", "AsaRadCommon", "AsaLdapPw", "0B0C0D0E0F1011", "AsaHostComm", "AsaComm",
                "5e:4d:3c:2b", "7a:8b:9c:0d", "AsaNtpKey", "AsaFailoverKey", "AsaMasterPass", "AsaIkev1Psk", "AsaIkev2Remote", "AsaIkev2Local",
                "AsaOldPsk", "AsaBgpPw");
    }

    @Test
    void juniperJunos() throws IOException {
        assertRedacted("juniper_junos", """
                ## Last commit: 2026-11-27 09:58:01 UTC by admin
                version 21.4R3.15;
                system {
                    host-name mx1;
                    root-authentication {
                        encrypted-password "$6$Vq7b2$Hn2nUHq0WkC6q4fVCbz1fG3pEKjz1b9R0u1Q2xZ/"; ## SECRET-DATA
                    }
                    login {
                        user admin {
                            uid 2000;
                            class super-user;
                            authentication {
                                encrypted-password "$6$u8Hd$7yBfHq3Jk2lMnOpQrStUvWxYz0123456789ab"; ## SECRET-DATA
                                ssh-rsa "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDx admin@laptop"; ## SECRET-DATA
                            }
                        }
                    }
                    tacplus-server {
                        192.0.2.49 {
                            secret "$9$hJZrlM7-b2aUDKMXxbs2gO"; ## SECRET-DATA
                            single-connection;
                        }
                    }
                    radius-server {
                        192.0.2.52 secret "$9$dEbYoJGjqfTGUjHqf5Q9"; ## SECRET-DATA
                    }
                    ntp {
                        authentication-key 1 type md5 value "$9$Q2xF39tOEhrKM"; ## SECRET-DATA
                        trusted-key 1;
                    }
                }
                snmp {
                    description "snmp community docs in wiki";
                    community JnprRoComm {
                        authorization read-only;
                    }
                    trap-group JnprTrapComm {
                        version v2;
                        targets {
                            192.0.2.20;
                        }
                    }
                    v3 {
                        usm {
                            local-engine {
                                user jv3 {
                                    authentication-sha {
                                        authentication-key "$9$7Y-dwgJUjHm5QUj"; ## SECRET-DATA
                                    }
                                    privacy-aes128 {
                                        privacy-key "$9$xR7-dwYgJHk.PmT"; ## SECRET-DATA
                                    }
                                }
                            }
                        }
                    }
                }
                security {
                    ike {
                        policy IKE-POL {
                            pre-shared-key ascii-text "$9$Hk.5F6A0BEcrK8"; ## SECRET-DATA
                        }
                    }
                    authentication-key-chains {
                        key-chain BGP-KC {
                            key 0 {
                                secret "$9$pwe0BRSrlMXNbW8"; ## SECRET-DATA
                                start-time "2026-1-1.00:00:00 +0000";
                            }
                        }
                    }
                }
                protocols {
                    bgp {
                        group EBGP {
                            authentication-key "$9$ABC123xyzQQ"; ## SECRET-DATA
                            neighbor 192.0.2.1;
                        }
                    }
                    ospf {
                        area 0.0.0.0 {
                            interface ge-0/0/0.0 {
                                authentication {
                                    md5 1 key "$9$Md5OspfKey9"; ## SECRET-DATA
                                }
                            }
                            interface ge-0/0/1.0 {
                                authentication {
                                    simple-password "$9$OspfSimple3"; ## SECRET-DATA
                                }
                            }
                        }
                    }
                    dot1x {
                        authenticator {
                            radius-options {
                                shared-secret "$9$Dot1xShared7"; ## SECRET-DATA
                            }
                        }
                    }
                }
                """, "$6$Vq7b2$Hn2nUHq0WkC6q4fVCbz1fG3pEKjz1b9R0u1Q2xZ/", "$6$u8Hd$7yBfHq3Jk2lMnOpQrStUvWxYz0123456789ab",
                "$9$hJZrlM7-b2aUDKMXxbs2gO", "$9$dEbYoJGjqfTGUjHqf5Q9", "$9$Q2xF39tOEhrKM", "JnprRoComm", "$9$7Y-dwgJUjHm5QUj",
                "$9$xR7-dwYgJHk.PmT", "$9$Hk.5F6A0BEcrK8", "$9$pwe0BRSrlMXNbW8", "$9$ABC123xyzQQ", "$9$Md5OspfKey9",
                "$9$Dot1xShared7", "JnprTrapComm", "$9$OspfSimple3");
    }
}
