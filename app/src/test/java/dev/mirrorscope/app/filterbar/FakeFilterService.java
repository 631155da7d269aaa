package dev.mirrorscope.app.filterbar;

import dev.mirrorscope.engine.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * A stand-in for the display-filter language with a grammar of its own: a protocol name alone
 * ({@code tcp}, {@code udp}, {@code icmp}) or {@code frame.len > N}. Anything else is an error at the
 * first character it does not understand.
 */
public class FakeFilterService implements PacketFilterService {
    public volatile int applied;

    @Override
    public Validation validate(String expression) {
        String e = expression.trim();
        if (List.of("tcp", "udp", "icmp").contains(e)) {
            return Validation.ok();
        }
        if (e.startsWith("frame.len")) {
            String rest = e.substring("frame.len".length()).trim();
            if (!rest.startsWith(">")) {
                return Validation.error(expression.indexOf("frame.len") + "frame.len".length(), "expected >");
            }
            String n = rest.substring(1).trim();
            if (n.isEmpty() || !n.chars().allMatch(Character::isDigit)) {
                return Validation.error(expression.length(), "expected a number after >");
            }
            return Validation.ok();
        }
        int bad = 0;
        while (bad < expression.length() && Character.isWhitespace(expression.charAt(bad))) {
            bad++;
        }
        return Validation.error(bad, "unknown field or protocol \"" + e.split("\\s+")[0] + "\"");
    }

    @Override
    public long[] matching(Session session, String expression, BooleanSupplier cancelled) throws Exception {
        if (!validate(expression).valid()) {
            throw new IllegalArgumentException("not a filter: " + expression);
        }
        applied++;
        String e = expression.trim().toLowerCase(Locale.ROOT);
        List<Long> out = new ArrayList<>();
        session.packets(1, session.packetCount(), p -> {
            boolean match;
            if (e.startsWith("frame.len")) {
                match = p.frameLen() > Integer.parseInt(e.substring(e.indexOf('>') + 1).trim());
            } else {
                int proto = switch (e) {
                    case "tcp" -> 6;
                    case "udp" -> 17;
                    default -> 1;
                };
                match = p.proto() != null && p.proto() == proto;
            }
            if (match) {
                out.add(p.no());
            }
        });
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public List<String> fieldNames() {
        return List.of("frame.len", "frame.time", "icmp", "icmp.type", "ip.addr", "ip.dst", "ip.src", "tcp",
                "tcp.dstport", "tcp.flags.syn", "tcp.port", "tcp.srcport", "udp", "udp.port");
    }
}
