package app.alex.aws.client;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.regex.Pattern;

/**
 * Turns an SDK failure (after the SDK's retries) into an {@link AlexException} whose message a
 * person can act on. The message names the service, what was being done and what to try; it
 * never carries AWS request ids, ARNs, account numbers or stack traces (the SDK exception stays
 * attached as the cause, for the logs).
 *
 * <ul>
 *   <li>throttling, 5xx, timeouts (the service's own 408 included), network errors:
 *       {@link ErrorCode#UNAVAILABLE} (503), worth retrying later;</li>
 *   <li>a service quota reached (S3 Vectors' 402): {@link ErrorCode#INTERNAL}, with what to do;</li>
 *   <li>other 4xx: {@link ErrorCode#INTERNAL} (500): a deployment or programming problem
 *       (permissions, a missing endpoint or index, a request the service rejects), not something
 *       the API caller can fix by retrying.</li>
 * </ul>
 */
public final class AwsFailures {
    /** ARNs and 12-digit account ids, removed from service messages before we quote them. */
    private static final Pattern INTERNALS = Pattern.compile("arn:aws[\\w-]*:[^\\s,;\"')]+|\\b\\d{12}\\b");
    private static final int MAX_QUOTED = 200;

    private AwsFailures() {
    }

    /**
     * @param service what a person calls the service, e.g. "the vector store (S3 Vectors)"
     * @param action  what we were doing, e.g. "searching"
     */
    public static AlexException translate(String service, String action, SdkException e) {
        int attempts = e.numAttempts() == null ? 1 : e.numAttempts();
        String tries = attempts > 1 ? " after " + attempts + " attempts" : "";
        return switch (e) {
            case ApiCallTimeoutException t -> new AlexException(ErrorCode.UNAVAILABLE,
                    capital(service) + " did not answer in time while " + action + tries + ". Try again in a moment.", e);
            case ApiCallAttemptTimeoutException t -> new AlexException(ErrorCode.UNAVAILABLE,
                    capital(service) + " did not answer in time while " + action + tries + ". Try again in a moment.", e);
            case AwsServiceException s when s.isThrottlingException() -> new AlexException(ErrorCode.UNAVAILABLE,
                    capital(service) + " is busy and kept refusing requests (throttled) while " + action + tries
                            + ". Try again in a moment.", e);
            case AwsServiceException s when s.statusCode() == 408 -> new AlexException(ErrorCode.UNAVAILABLE,
                    capital(service) + " did not answer in time while " + action + tries + ". Try again in a moment.", e);
            case AwsServiceException s when s.statusCode() == 402 -> new AlexException(ErrorCode.INTERNAL,
                    capital(service) + " refused while " + action + ": an AWS service quota is reached (" + errorName(s)
                            + "). Delete documents you no longer need, or ask AWS for a higher " + shortName(service)
                            + " quota.", e);
            case AwsServiceException s when s.statusCode() >= 500 -> new AlexException(ErrorCode.UNAVAILABLE,
                    capital(service) + " failed while " + action + tries + " (" + errorName(s)
                            + "). Try again in a moment.", e);
            case AwsServiceException s when s.statusCode() == 401 || s.statusCode() == 403 -> new AlexException(ErrorCode.INTERNAL,
                    "The backend is not allowed to use " + service + " while " + action + " (" + errorName(s)
                            + "): check the credentials and the IAM role's permissions.", e);
            case AwsServiceException s when s.statusCode() == 404 -> new AlexException(ErrorCode.INTERNAL,
                    capital(service) + " reports that the configured resource does not exist while " + action + " ("
                            + errorName(s) + "): check the deployment's names and region.", e);
            case AwsServiceException s -> new AlexException(ErrorCode.INTERNAL,
                    capital(service) + " rejected the request while " + action + " (" + errorName(s) + quoted(s) + ").", e);
            case AbortedException a -> new AlexException(ErrorCode.UNAVAILABLE,
                    capital(service) + " call was interrupted while " + action + ".", e);
            case SdkClientException c when timedOut(c) -> new AlexException(ErrorCode.UNAVAILABLE,
                    capital(service) + " did not answer in time while " + action + tries + ". Try again in a moment.", e);
            case SdkClientException c -> new AlexException(ErrorCode.UNAVAILABLE,
                    capital(service) + " could not be reached while " + action + tries + ". Check the network and try again.", e);
            default -> new AlexException(ErrorCode.UNAVAILABLE,
                    capital(service) + " failed while " + action + tries + ". Try again in a moment.", e);
        };
    }

    /** A socket read timeout surfaces as a client error; to a person it is the same as a call timeout. */
    public static boolean isTimeout(Throwable e) {
        return e instanceof SdkClientException && timedOut(e);
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.net.http.HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String errorName(AwsServiceException s) {
        String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
        return (code == null || code.isBlank() ? "error" : code) + ", HTTP " + s.statusCode();
    }

    /** The service's own words (they say what was wrong), minus anything that identifies the account. */
    private static String quoted(AwsServiceException s) {
        String message = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorMessage();
        if (message == null || message.isBlank()) {
            return "";
        }
        String clean = INTERNALS.matcher(message.strip()).replaceAll("…");
        if (clean.length() > MAX_QUOTED) {
            clean = clean.substring(0, MAX_QUOTED) + "…";
        }
        return ": " + clean;
    }

    /** "the vector store (S3 Vectors)" -> "S3 Vectors". */
    private static String shortName(String service) {
        int open = service.indexOf('(');
        int close = service.indexOf(')', open + 1);
        return open >= 0 && close > open ? service.substring(open + 1, close) : service;
    }

    /** 408 from the service itself: the request did not complete in time on its side; as retryable as a 5xx. */
    public static boolean isServiceTimeout(Throwable e) {
        return e instanceof AwsServiceException s && s.statusCode() == 408;
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
