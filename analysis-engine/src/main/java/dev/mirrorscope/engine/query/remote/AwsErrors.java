package dev.mirrorscope.engine.query.remote;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** One clear line for an AWS failure: what went wrong, with which service, and what to do. */
final class AwsErrors {
    private AwsErrors() {
    }

    static String describe(String service, SdkException e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
            String code = String.valueOf(s.awsErrorDetails().errorCode());
            String msg = s.awsErrorDetails().errorMessage();
            msg = msg == null || msg.isBlank() ? "" : ": " + msg;
            switch (code) {
                case "AccessDeniedException", "AccessDenied", "UnauthorizedOperation", "UnrecognizedClientException":
                    return service + ": access denied" + msg + " (check the credentials and the IAM permissions of"
                            + " the profile in use)";
                case "ExpiredTokenException", "ExpiredToken", "RequestExpired", "TokenRefreshRequired":
                    return service + ": the credentials have expired" + msg + " (refresh them, for example with"
                            + " aws sso login)";
                case "ResourceNotFoundException":
                    return service + ": not found" + msg;
                case "ThrottlingException", "TooManyRequestsException", "Throttling", "RequestLimitExceeded":
                    return service + ": throttled even after retries with back-off" + msg + "; try again later";
                case "LimitExceededException":
                    return service + ": a service limit was reached" + msg + " (too many queries running?)";
                case "MalformedQueryException", "InvalidRequestException", "InvalidParameterException",
                        "ValidationException":
                    return service + " rejected the request" + msg;
                default:
                    return service + ": " + code + msg + " (HTTP " + s.statusCode() + ")";
            }
        }
        if (e instanceof SdkClientException) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("Unable to load credentials") || m.contains("credentials")) {
                return service + ": no AWS credentials found (set a profile with --profile, or the usual"
                        + " AWS_* environment variables)";
            }
            if (m.contains("Unable to load region") || m.contains("region")) {
                return service + ": no AWS region set (use --region or a profile with a region)";
            }
            return service + ": cannot reach the service: " + firstLine(m);
        }
        return service + ": " + firstLine(String.valueOf(e.getMessage()));
    }

    private static String firstLine(String m) {
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
