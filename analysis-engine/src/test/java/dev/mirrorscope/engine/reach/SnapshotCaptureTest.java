package dev.mirrorscope.engine.reach;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.mirrorscope.cli.CliTestAccess;
import dev.mirrorscope.engine.reach.analysis.AnalysisResult;
import dev.mirrorscope.engine.reach.analysis.Protocol;
import dev.mirrorscope.engine.reach.analysis.Query;
import dev.mirrorscope.engine.reach.analysis.ReachabilityAnalyzer;
import dev.mirrorscope.engine.reach.model.Ip;
import dev.mirrorscope.engine.reach.model.Snapshot;
import dev.mirrorscope.engine.reach.snapshot.Ec2Clients;
import dev.mirrorscope.engine.reach.snapshot.SnapshotCapture;
import dev.mirrorscope.engine.reach.snapshot.SnapshotFiles;
import dev.mirrorscope.engine.reach.snapshot.SnapshotReader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@code snapshot capture} against WireMock speaking EC2's query protocol: the exact Action= of every call,
 * NextToken paging, the filters of SearchTransitGatewayRoutes, SigV4 with the given (fake) credentials and
 * Region; the files it writes are what the reader and the analyzer then use.
 */
class SnapshotCaptureTest {
    private static final String FAKE_KEY = "AKIDFAKEEXAMPLEKEY01";
    private static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private WireMockServer wm;

    @TempDir
    Path tmp;

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private static String response(String action, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + action + "Response xmlns=\"" + NS + "\">"
                + "<requestId>11111111-2222-3333-4444-555555555555</requestId>" + body + "</" + action + "Response>";
    }

    private void stub(String action, String body) {
        wm.stubFor(post(urlEqualTo("/")).atPriority(5).withRequestBody(containing("Action=" + action + "&"))
                .withRequestBody(notContaining("NextToken"))
                .willReturn(aResponse().withHeader("Content-Type", "text/xml;charset=UTF-8")
                        .withBody(response(action, body))));
    }

    private void stubPage(String action, String token, String body) {
        wm.stubFor(post(urlEqualTo("/")).atPriority(1).withRequestBody(containing("Action=" + action + "&"))
                .withRequestBody(containing("NextToken=" + token))
                .willReturn(aResponse().withHeader("Content-Type", "text/xml;charset=UTF-8")
                        .withBody(response(action, body))));
    }

    private static String tags(String name) {
        return "<tagSet><item><key>Name</key><value>" + name + "</value></item></tagSet>";
    }

    private void stubNetwork() {
        stub("DescribeVpcs", "<vpcSet><item><vpcId>vpc-0aaa0000000000001</vpcId><ownerId>111122223333</ownerId>"
                + "<state>available</state><cidrBlock>10.0.0.0/16</cidrBlock><cidrBlockAssociationSet><item>"
                + "<associationId>vpc-cidr-assoc-1</associationId><cidrBlock>10.0.0.0/16</cidrBlock><cidrBlockState>"
                + "<state>associated</state></cidrBlockState></item></cidrBlockAssociationSet><isDefault>false"
                + "</isDefault>" + tags("first") + "</item></vpcSet><nextToken>vpcs-page-2</nextToken>");
        stubPage("DescribeVpcs", "vpcs-page-2", "<vpcSet><item><vpcId>vpc-0aaa0000000000002</vpcId>"
                + "<state>available</state><cidrBlock>10.1.0.0/16</cidrBlock><isDefault>false</isDefault>"
                + tags("second") + "</item></vpcSet>");
        stub("DescribeSubnets", "<subnetSet><item><subnetId>subnet-0aaa000000000001</subnetId><vpcId>"
                + "vpc-0aaa0000000000001</vpcId><cidrBlock>10.0.1.0/24</cidrBlock><availabilityZone>us-east-1a"
                + "</availabilityZone><state>available</state><mapPublicIpOnLaunch>true</mapPublicIpOnLaunch>"
                + "</item></subnetSet>");
        stub("DescribeRouteTables", "<routeTableSet><item><routeTableId>rtb-0aaa000000000001</routeTableId><vpcId>"
                + "vpc-0aaa0000000000001</vpcId><associationSet><item><routeTableAssociationId>rtbassoc-1"
                + "</routeTableAssociationId><routeTableId>rtb-0aaa000000000001</routeTableId><main>true</main>"
                + "<associationState><state>associated</state></associationState></item></associationSet><routeSet>"
                + "<item><destinationCidrBlock>10.0.0.0/16</destinationCidrBlock><gatewayId>local</gatewayId><state>"
                + "active</state><origin>CreateRouteTable</origin></item><item><destinationCidrBlock>0.0.0.0/0"
                + "</destinationCidrBlock><gatewayId>igw-0aaa000000000001</gatewayId><state>active</state><origin>"
                + "CreateRoute</origin></item></routeSet><propagatingVgwSet/></item></routeTableSet>");
        stub("DescribeSecurityGroups", "<securityGroupInfo><item><ownerId>111122223333</ownerId><groupId>"
                + "sg-0aaa000000000001</groupId><groupName>web</groupName><groupDescription>web servers"
                + "</groupDescription><vpcId>vpc-0aaa0000000000001</vpcId><ipPermissions><item><ipProtocol>tcp"
                + "</ipProtocol><fromPort>443</fromPort><toPort>443</toPort><groups/><ipRanges><item><cidrIp>0.0.0.0/0"
                + "</cidrIp><description>https</description></item></ipRanges><ipv6Ranges/><prefixListIds/></item>"
                + "</ipPermissions><ipPermissionsEgress><item><ipProtocol>-1</ipProtocol><groups/><ipRanges><item>"
                + "<cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/></item>"
                + "</ipPermissionsEgress></item></securityGroupInfo>");
        stub("DescribeNetworkAcls", "<networkAclSet><item><networkAclId>acl-0aaa000000000001</networkAclId><vpcId>"
                + "vpc-0aaa0000000000001</vpcId><default>true</default><entrySet><item><ruleNumber>100</ruleNumber>"
                + "<protocol>-1</protocol><ruleAction>allow</ruleAction><egress>false</egress><cidrBlock>0.0.0.0/0"
                + "</cidrBlock></item><item><ruleNumber>100</ruleNumber><protocol>-1</protocol><ruleAction>allow"
                + "</ruleAction><egress>true</egress><cidrBlock>0.0.0.0/0</cidrBlock></item><item><ruleNumber>32767"
                + "</ruleNumber><protocol>-1</protocol><ruleAction>deny</ruleAction><egress>false</egress><cidrBlock>"
                + "0.0.0.0/0</cidrBlock></item></entrySet><associationSet><item><networkAclAssociationId>aclassoc-1"
                + "</networkAclAssociationId><networkAclId>acl-0aaa000000000001</networkAclId><subnetId>"
                + "subnet-0aaa000000000001</subnetId></item></associationSet></item></networkAclSet>");
        stub("DescribeNetworkInterfaces", "<networkInterfaceSet><item><networkInterfaceId>eni-0aaa000000000001"
                + "</networkInterfaceId><subnetId>subnet-0aaa000000000001</subnetId><vpcId>vpc-0aaa0000000000001"
                + "</vpcId><availabilityZone>us-east-1a</availabilityZone><description/><ownerId>111122223333"
                + "</ownerId><requesterManaged>false</requesterManaged><status>in-use</status><privateIpAddress>"
                + "10.0.1.10</privateIpAddress><sourceDestCheck>true</sourceDestCheck><interfaceType>interface"
                + "</interfaceType><groupSet><item><groupId>sg-0aaa000000000001</groupId><groupName>web</groupName>"
                + "</item></groupSet><attachment><attachmentId>eni-attach-1</attachmentId><instanceId>"
                + "i-0aaa000000000001</instanceId><deviceIndex>0</deviceIndex><status>attached</status></attachment>"
                + "<association><publicIp>203.0.113.10</publicIp><ipOwnerId>amazon</ipOwnerId></association>"
                + "<privateIpAddressesSet><item><privateIpAddress>10.0.1.10</privateIpAddress><primary>true"
                + "</primary><association><publicIp>203.0.113.10</publicIp><ipOwnerId>amazon</ipOwnerId>"
                + "</association></item></privateIpAddressesSet><ipv6AddressesSet/>" + tags("web-1-eth0")
                + "</item></networkInterfaceSet>");
        stub("DescribeInstances", "<reservationSet><item><reservationId>r-1</reservationId><ownerId>111122223333"
                + "</ownerId><instancesSet><item><instanceId>i-0aaa000000000001</instanceId><instanceState><code>16"
                + "</code><name>running</name></instanceState><subnetId>subnet-0aaa000000000001</subnetId><vpcId>"
                + "vpc-0aaa0000000000001</vpcId><privateIpAddress>10.0.1.10</privateIpAddress><ipAddress>203.0.113.10"
                + "</ipAddress><launchTime>2024-05-01T12:00:00.000Z</launchTime><networkInterfaceSet><item>"
                + "<networkInterfaceId>eni-0aaa000000000001</networkInterfaceId><attachment><deviceIndex>0"
                + "</deviceIndex><status>attached</status></attachment></item></networkInterfaceSet>" + tags("web-1")
                + "</item></instancesSet></item></reservationSet>");
        stub("DescribeInternetGateways", "<internetGatewaySet><item><internetGatewayId>igw-0aaa000000000001"
                + "</internetGatewayId><attachmentSet><item><vpcId>vpc-0aaa0000000000001</vpcId><state>available"
                + "</state></item></attachmentSet></item></internetGatewaySet>");
        stub("DescribeNatGateways", "<natGatewaySet/>");
        stub("DescribeVpcPeeringConnections", "<vpcPeeringConnectionSet/>");
        stub("DescribeTransitGateways", "<transitGatewaySet/>");
        stub("DescribeTransitGatewayAttachments", "<transitGatewayAttachments/>");
        stub("DescribeTransitGatewayRouteTables", "<transitGatewayRouteTables><item><transitGatewayRouteTableId>"
                + "tgw-rtb-0aaa00000000001</transitGatewayRouteTableId><transitGatewayId>tgw-0aaa000000000001"
                + "</transitGatewayId><state>available</state><defaultAssociationRouteTable>true"
                + "</defaultAssociationRouteTable><defaultPropagationRouteTable>true</defaultPropagationRouteTable>"
                + "</item></transitGatewayRouteTables>");
        stub("SearchTransitGatewayRoutes", "<routeSet><item><destinationCidrBlock>10.1.0.0/16"
                + "</destinationCidrBlock><transitGatewayAttachments><item><resourceId>vpc-0aaa0000000000002"
                + "</resourceId><transitGatewayAttachmentId>tgw-attach-0aaa0000000001</transitGatewayAttachmentId>"
                + "<resourceType>vpc</resourceType></item></transitGatewayAttachments><type>propagated</type><state>"
                + "active</state></item></routeSet><additionalRoutesAvailable>false</additionalRoutesAvailable>");
        stub("DescribeVpcEndpoints", "<vpcEndpointSet/>");
        stub("DescribeManagedPrefixLists", "<prefixListSet><item><prefixListId>pl-0aaa000000000001</prefixListId>"
                + "<addressFamily>IPv4</addressFamily><state>create-complete</state><prefixListName>offices"
                + "</prefixListName><maxEntries>10</maxEntries><version>3</version><ownerId>111122223333</ownerId>"
                + "</item></prefixListSet>");
        stub("GetManagedPrefixListEntries", "<entrySet><item><cidr>198.51.100.0/24</cidr><description>office a"
                + "</description></item></entrySet><nextToken>pl-page-2</nextToken>");
        stubPage("GetManagedPrefixListEntries", "pl-page-2", "<entrySet><item><cidr>192.0.2.0/24</cidr></item>"
                + "</entrySet>");
    }

    private Ec2Client client() {
        return Ec2Clients.create("us-east-1", StaticCredentialsProvider.create(AwsBasicCredentials.create(FAKE_KEY,
                "fakeSecretKeyForTestsOnly0000000000000000")), URI.create(wm.baseUrl()));
    }

    private static RequestPatternBuilder action(String action) {
        return postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
    }

    @Test
    void capturesEveryPageOfEveryCallInTheCliShape() throws Exception {
        stubNetwork();
        Path out = tmp.resolve("snap");
        List<String> progress = new ArrayList<>();
        SnapshotCapture.Result r;
        try (Ec2Client ec2 = client()) {
            r = new SnapshotCapture(ec2, out, progress::add).run();
        }
        wm.verify(2, action("DescribeVpcs"));
        wm.verify(1, action("DescribeVpcs").withRequestBody(containing("NextToken=vpcs-page-2")));
        for (String a : new String[] {"DescribeSubnets", "DescribeRouteTables", "DescribeSecurityGroups",
                "DescribeNetworkAcls", "DescribeNetworkInterfaces", "DescribeInstances", "DescribeInternetGateways",
                "DescribeNatGateways", "DescribeVpcPeeringConnections", "DescribeTransitGateways",
                "DescribeTransitGatewayAttachments", "DescribeTransitGatewayRouteTables", "DescribeVpcEndpoints",
                "DescribeManagedPrefixLists"}) {
            wm.verify(1, action(a).withRequestBody(containing("Version=2016-11-15")));
        }
        wm.verify(2, action("GetManagedPrefixListEntries").withRequestBody(containing("PrefixListId=pl-0aaa000000000001")));
        wm.verify(1, action("SearchTransitGatewayRoutes")
                .withRequestBody(containing("TransitGatewayRouteTableId=tgw-rtb-0aaa00000000001"))
                .withRequestBody(containing("Filter.1.Name=state"))
                .withRequestBody(containing("Filter.1.Value.1=active"))
                .withRequestBody(containing("Filter.1.Value.2=blackhole")));
        wm.verify(19, postRequestedFor(urlEqualTo("/"))
                .withHeader("Authorization", containing("Credential=" + FAKE_KEY + "/"))
                .withHeader("Authorization", containing("/us-east-1/ec2/aws4_request")));
        assertThat(r.apiCalls()).isEqualTo(19);
        assertThat(r.resources()).containsEntry(SnapshotFiles.VPCS, 2)
                .containsEntry(SnapshotFiles.prefixListEntries("pl-0aaa000000000001"), 2)
                .containsEntry(SnapshotFiles.tgwRoutes("tgw-rtb-0aaa00000000001"), 1);
        assertThat(progress).contains("describe-vpcs.json: 2 items in 2 pages");

        ObjectMapper m = new ObjectMapper();
        JsonNode sgs = m.readTree(out.resolve(SnapshotFiles.SECURITY_GROUPS).toFile());
        JsonNode web = sgs.get("SecurityGroups").get(0);
        assertThat(web.get("GroupId").asText()).isEqualTo("sg-0aaa000000000001");
        assertThat(web.get("Description").asText()).isEqualTo("web servers");
        assertThat(web.get("IpPermissions").get(0).get("IpRanges").get(0).get("CidrIp").asText()).isEqualTo("0.0.0.0/0");
        assertThat(web.get("IpPermissions").get(0).get("UserIdGroupPairs")).isEmpty();
        assertThat(web.get("IpPermissionsEgress").get(0).has("FromPort")).isFalse();
        JsonNode eni = m.readTree(out.resolve(SnapshotFiles.NETWORK_INTERFACES).toFile()).get("NetworkInterfaces").get(0);
        assertThat(eni.get("TagSet").get(0).get("Value").asText()).isEqualTo("web-1-eth0");
        JsonNode inst = m.readTree(out.resolve(SnapshotFiles.INSTANCES).toFile()).get("Reservations").get(0)
                .get("Instances").get(0);
        assertThat(inst.get("State").get("Name").asText()).isEqualTo("running");
        assertThat(inst.get("LaunchTime").asText()).isEqualTo("2024-05-01T12:00:00+00:00");
        assertThat(m.readTree(out.resolve(SnapshotFiles.NETWORK_ACLS).toFile()).get("NetworkAcls").get(0)
                .get("IsDefault").asBoolean()).isTrue();
        assertThat(m.readTree(out.resolve(SnapshotFiles.tgwRoutes("tgw-rtb-0aaa00000000001")).toFile())
                .get("AdditionalRoutesAvailable").asBoolean()).isFalse();
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }

        Snapshot s = SnapshotReader.read(out);
        assertThat(s.vpcs()).hasSize(2);
        assertThat(s.prefixLists().get("pl-0aaa000000000001").entries()).hasSize(2);
        assertThat(s.interfaceByPublicIp(Ip.parse("203.0.113.10")).id()).isEqualTo("eni-0aaa000000000001");
        assertThat(s.tgwRoutesKnown("tgw-rtb-0aaa00000000001")).isTrue();
        AnalysisResult a = new ReachabilityAnalyzer(s).analyze(new Query("igw-0aaa000000000001", "i-0aaa000000000001",
                Protocol.TCP, 443));
        assertThat(a.reachable()).as("%s", a.explanations()).isTrue();
        assertThat(a.forward().get(a.forward().size() - 1).name()).isEqualTo("web-1");
    }

    @Test
    void aFailedCallStopsWithTheCallAndAwsError() {
        stubNetwork();
        wm.stubFor(post(urlEqualTo("/")).atPriority(1).withRequestBody(containing("Action=DescribeSubnets&"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml;charset=UTF-8")
                        .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>"
                                + "UnauthorizedOperation</Code><Message>You are not authorized to perform this"
                                + " operation.</Message></Error></Errors><RequestID>abc</RequestID></Response>")));
        Path out = tmp.resolve("snap");
        assertThatThrownBy(() -> {
            try (Ec2Client ec2 = client()) {
                new SnapshotCapture(ec2, out, s -> { }).run();
            }
        }).isInstanceOf(IOException.class).hasMessageStartingWith("DescribeSubnets failed: You are not authorized");
        assertThat(out.resolve(SnapshotFiles.VPCS)).exists();
        assertThat(out.resolve(SnapshotFiles.SUBNETS)).doesNotExist();
    }

    @Test
    void commandUsesRegionEndpointAndCredentialChain() throws Exception {
        stubNetwork();
        Path out = tmp.resolve("cli");
        String oldKey = System.getProperty("aws.accessKeyId");
        String oldSecret = System.getProperty("aws.secretAccessKey");
        System.setProperty("aws.accessKeyId", FAKE_KEY);
        System.setProperty("aws.secretAccessKey", "fakeSecretKeyForTestsOnly0000000000000000");
        try {
            String[] run = CliTestAccess.run("snapshot", "capture", "--region", "eu-west-1", "--endpoint-url",
                    wm.baseUrl(), "--out", out.toString(), "--format", "json");
            assertThat(run[0]).as(run[2]).isEqualTo("0");
            JsonNode j = new ObjectMapper().readTree(run[1]);
            assertThat(j.get("files").get(SnapshotFiles.VPCS).asInt()).isEqualTo(2);
            assertThat(j.get("api_calls").asInt()).isEqualTo(19);
            assertThat(run[2]).contains("describe-vpcs.json: 2 items in 2 pages");
        } finally {
            restore("aws.accessKeyId", oldKey);
            restore("aws.secretAccessKey", oldSecret);
        }
        wm.verify(19, postRequestedFor(urlEqualTo("/"))
                .withHeader("Authorization", containing("/eu-west-1/ec2/aws4_request")));
        assertThat(SnapshotReader.read(out).networkInterfaces()).containsKey("eni-0aaa000000000001");
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
