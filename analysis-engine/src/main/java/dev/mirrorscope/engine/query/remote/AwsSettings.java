package dev.mirrorscope.engine.query.remote;

import java.io.IOException;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * Where and as whom AWS calls go: region, named profile, endpoint override (a VPC endpoint, LocalStack,
 * a test server) and, for tests or the app, an explicit credentials provider. Null means the SDK's
 * default chain. Clients retry throttling and transient errors with back-off (standard retry mode).
 */
public record AwsSettings(String region, String profile, URI endpoint, AwsCredentialsProvider credentials) {
    public static final AwsSettings DEFAULTS = new AwsSettings(null, null, null, null);

    /** A CloudWatch Logs client; a missing region or profile becomes one clear message. */
    public CloudWatchLogsClient cloudWatchLogs() throws IOException {
        try {
            return configure(CloudWatchLogsClient.builder()).build();
        } catch (SdkException e) {
            throw new IOException(AwsErrors.describe("CloudWatch Logs", e), e);
        }
    }

    /** An Athena client; a missing region or profile becomes one clear message. */
    public AthenaClient athena() throws IOException {
        try {
            return configure(AthenaClient.builder()).build();
        } catch (SdkException e) {
            throw new IOException(AwsErrors.describe("Athena", e), e);
        }
    }

    /** Applies these settings to any synchronous SDK v2 client builder. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder());
        builder.overrideConfiguration(o -> {
            o.retryStrategy(RetryMode.STANDARD);
            if (profile != null) {
                o.defaultProfileName(profile);
            }
        });
        if (region != null) {
            builder.region(Region.of(region));
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        } else if (profile != null) {
            builder.credentialsProvider(ProfileCredentialsProvider.create(profile));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder;
    }
}
