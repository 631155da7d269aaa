package dev.mirrorscope.engine.reach.model;

import java.util.List;
import java.util.Map;

/** An internet gateway and the VPCs it is attached to ({@code State: available} when working). */
public record InternetGateway(String id, List<Attachment> attachments, Map<String, String> tags) implements Resource {

    public record Attachment(String vpcId, String state) {
    }

    public Attachment attachmentTo(String vpcId) {
        for (Attachment a : attachments) {
            if (a.vpcId().equals(vpcId)) {
                return a;
            }
        }
        return null;
    }
}
