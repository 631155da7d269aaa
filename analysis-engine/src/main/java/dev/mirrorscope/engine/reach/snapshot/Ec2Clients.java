package dev.mirrorscope.engine.reach.snapshot;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Builds EC2 clients: a Region, an optional named profile (else the default credential chain), an optional
 * endpoint override (a local test server, a VPC interface endpoint), the URL-connection HTTP client.
 */
public final class Ec2Clients {
    private Ec2Clients() {
    }

    public static Ec2Client create(String region, String profile, URI endpoint) {
        AwsCredentialsProvider credentials = profile != null ? ProfileCredentialsProvider.create(profile)
                : DefaultCredentialsProvider.builder().build();
        return create(region, credentials, endpoint);
    }

    /** With explicit credentials: tests pass fake static ones, never real. */
    public static Ec2Client create(String region, AwsCredentialsProvider credentials, URI endpoint) {
        var b = Ec2Client.builder().region(Region.of(region)).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create());
        if (endpoint != null) {
            b.endpointOverride(endpoint);
        }
        return b.build();
    }
}
