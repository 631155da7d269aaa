package dev.mirrorscope.engine.reach.analysis;

import java.util.List;

/**
 * The answer to a {@link Query}: whether a connection gets through both ways, the forward and return paths
 * hop by hop, and every blocking component found, the first one first. {@code sourceAddress},
 * {@code destinationAddress} and {@code port} are the concrete values the paths were traced with (an
 * internet gateway or an open port question is answered with one representative of each kind of address or
 * port the rules tell apart).
 */
public record AnalysisResult(Query query, boolean reachable, List<Hop> forward, List<Hop> returnPath,
        List<Explanation> explanations, String sourceAddress, String destinationAddress, Integer port) {

    /** The first blocking explanation, or null when reachable. */
    public Explanation firstBlock() {
        return explanations.isEmpty() ? null : explanations.get(0);
    }
}
