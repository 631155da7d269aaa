package dev.mirrorscope.engine.reach.analysis;

/** The Reachability Analyzer explanation codes this analyzer emits (AWS's codes page spells them so). */
public final class ExplanationCodes {
    public static final String BAD_STATE = "BAD_STATE";
    public static final String BAD_STATE_ATTACHMENT = "BAD_STATE_ATTACHMENT";
    public static final String BAD_STATE_ROUTE = "BAD_STATE_ROUTE";
    public static final String DISCONNECTED_VPCS = "DISCONNECTED_VPCS";
    public static final String ENI_SG_RULES_MISMATCH = "ENI_SG_RULES_MISMATCH";
    public static final String ENI_SOURCE_DEST_CHECK_RESTRICTION = "ENI_SOURCE_DEST_CHECK_RESTRICTION";
    public static final String IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS = "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS";
    public static final String IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS = "IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS";
    public static final String IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS = "IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS";
    public static final String IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS = "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS";
    public static final String IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS = "IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS";
    public static final String NGW_REQUIRES_SOURCE_IN_VPC = "NGW_REQUIRES_SOURCE_IN_VPC";
    public static final String NO_PATH = "NO_PATH";
    public static final String NO_ROUTE_TO_DESTINATION = "NO_ROUTE_TO_DESTINATION";
    public static final String PCX_REQUIRES_ADDRESS_IN_VPC_CIDR = "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR";
    public static final String PROTOCOL_RESTRICTION = "PROTOCOL_RESTRICTION";
    public static final String SG_REFERENCES_NOT_PRESERVED = "SG_REFERENCES_NOT_PRESERVED";
    public static final String SG_REFERENCING_SUPPORT = "SG_REFERENCING_SUPPORT";
    public static final String SUBNET_ACL_RESTRICTION = "SUBNET_ACL_RESTRICTION";
    public static final String TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION = "TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION";
    public static final String TGW_ROUTE_AZ_RESTRICTION = "TGW_ROUTE_AZ_RESTRICTION";
    public static final String TGW_RTB_BAD_STATE_ROUTE = "TGW_RTB_BAD_STATE_ROUTE";
    public static final String TGW_RTB_CANNOT_ROUTE = "TGW_RTB_CANNOT_ROUTE";
    public static final String UNKNOWN_DESTINATION = "UNKNOWN_DESTINATION";
    public static final String UNKNOWN_RESOURCE = "UNKNOWN_RESOURCE";
    public static final String UNSUPPORTED_COMPONENT = "UNSUPPORTED_COMPONENT";
    public static final String VPCE_GATEWAY_PROTOCOL_RESTRICTION = "VPCE_GATEWAY_PROTOCOL_RESTRICTION";

    private ExplanationCodes() {
    }
}
