package dev.mirrorscope.engine.reach.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressTest {
    @Test
    void parsesAndPrintsIpv4() {
        assertThat(Ip.parse("10.0.1.10").toString()).isEqualTo("10.0.1.10");
        assertThat(Ip.parse("255.255.255.255").lo()).isEqualTo(0xFFFF_FFFFL);
        assertThat(Ip.tryParse("10.0.1")).isEmpty();
        assertThat(Ip.tryParse("10.0.1.256")).isEmpty();
        assertThat(Ip.tryParse("10.0.1.1.1")).isEmpty();
        assertThat(Ip.tryParse("10..1.1")).isEmpty();
        assertThat(Ip.tryParse("eni-0a1")).isEmpty();
    }

    @Test
    void printsIpv6AsRfc5952LikeTheJdkParsesIt() throws Exception {
        for (String s : new String[] {"2600:1f18:abcd:1201::10", "::", "::1", "2001:db8::", "2001:db8:0:0:1:0:0:1",
                "fe80::1:2:3:4", "2606:4700::1111", "1:2:3:4:5:6:7:8", "::ffff:10.0.0.1", "2001:db8:0:1:1:1:1:1"}) {
            Ip ip = Ip.parse(s);
            byte[] jdk = InetAddress.getByName(s).getAddress();
            if (jdk.length == 16) {
                long hi = 0;
                long lo = 0;
                for (int i = 0; i < 8; i++) {
                    hi = (hi << 8) | (jdk[i] & 0xFF);
                    lo = (lo << 8) | (jdk[i + 8] & 0xFF);
                }
                assertThat(ip.hi()).as(s).isEqualTo(hi);
                assertThat(ip.lo()).as(s).isEqualTo(lo);
            }
            assertThat(Ip.parse(ip.toString())).isEqualTo(ip);
        }
        assertThat(Ip.parse("2001:db8:0:0:1:0:0:1").toString()).isEqualTo("2001:db8::1:0:0:1");
        assertThat(Ip.parse("2001:0db8:0000:0000:0000:0000:0000:0001").toString()).isEqualTo("2001:db8::1");
        assertThat(Ip.tryParse("1::2::3")).isEmpty();
        assertThat(Ip.tryParse("12345::")).isEmpty();
    }

    @Test
    void cidrContainmentAndBounds() {
        Cidr c = Cidr.parse("10.0.1.77/24");
        assertThat(c.toString()).isEqualTo("10.0.1.0/24");
        assertThat(c.contains(Ip.parse("10.0.1.255"))).isTrue();
        assertThat(c.contains(Ip.parse("10.0.2.0"))).isFalse();
        assertThat(c.last().toString()).isEqualTo("10.0.1.255");
        assertThat(Cidr.ANY_V4.contains(Ip.parse("1.2.3.4"))).isTrue();
        assertThat(Cidr.ANY_V4.contains(Ip.parse("::1"))).isFalse();
        assertThat(Cidr.ANY_V4.last().toString()).isEqualTo("255.255.255.255");
        Cidr v6 = Cidr.parse("2600:1f18:abcd:1200::/56");
        assertThat(v6.contains(Ip.parse("2600:1f18:abcd:12ff::1"))).isTrue();
        assertThat(v6.contains(Ip.parse("2600:1f18:abcd:1300::1"))).isFalse();
        assertThat(v6.last().toString()).isEqualTo("2600:1f18:abcd:12ff:ffff:ffff:ffff:ffff");
        assertThat(Cidr.parse("2001:db8::1/128").contains(Ip.parse("2001:db8::1"))).isTrue();
        assertThat(Cidr.tryParse("10.0.0.0/33")).isEmpty();
        assertThat(Cidr.tryParse("10.0.0.0/")).isEmpty();
        assertThat(Cidr.parse("10.0.0.0/8").contains(Cidr.parse("10.1.0.0/16"))).isTrue();
    }

    @Test
    void internetAddresses() {
        assertThat(Ip.parse("93.184.216.34").isInternet()).isTrue();
        assertThat(Ip.parse("10.1.2.3").isInternet()).isFalse();
        assertThat(Ip.parse("100.64.0.1").isInternet()).isFalse();
        assertThat(Ip.parse("172.31.0.1").isInternet()).isFalse();
        assertThat(Ip.parse("172.32.0.1").isInternet()).isTrue();
        assertThat(Ip.parse("2606:4700::1111").isInternet()).isTrue();
        assertThat(Ip.parse("fd00::1").isInternet()).isFalse();
    }

    @Test
    void portSetArithmetic() {
        PortSet eph = PortSet.EPHEMERAL;
        assertThat(eph.toString()).isEqualTo("1024-65535");
        assertThat(eph.intersect(PortSet.range(32768, 61000)).toString()).isEqualTo("32768-61000");
        assertThat(eph.minus(PortSet.range(2000, 3000)).toString()).isEqualTo("1024-1999,3001-65535");
        assertThat(PortSet.of(22).union(PortSet.of(23)).toString()).isEqualTo("22-23");
        assertThat(PortSet.of(22).union(PortSet.of(80)).toString()).isEqualTo("22,80");
        assertThat(PortSet.ALL.complement().isEmpty()).isTrue();
        assertThat(PortSet.of(443).intersect(PortSet.range(1024, 65535)).isEmpty()).isTrue();
        assertThat(PortSet.range(0, 10).complement().toString()).isEqualTo("11-65535");
    }
}
