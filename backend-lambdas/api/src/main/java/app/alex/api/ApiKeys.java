package app.alex.api;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The API keys a server accepts. Keys are kept only as SHA-256 digests and compared in constant
 * time ({@link MessageDigest#isEqual}), so neither timing nor a heap dump gives them away, and
 * nothing here ever logs them.
 */
public final class ApiKeys {
    private final List<byte[]> digests;

    private ApiKeys(List<byte[]> digests) {
        this.digests = digests;
    }

    public static ApiKeys of(List<String> keys) {
        return new ApiKeys(keys.stream().map(String::strip).filter(k -> !k.isEmpty()).map(ApiKeys::digest).toList());
    }

    /** Comma-separated keys, as in {@code ALEX_API_KEYS}. */
    public static ApiKeys parse(String commaSeparated) {
        return of(commaSeparated == null ? List.of() : Arrays.asList(commaSeparated.split(",")));
    }

    public boolean isEmpty() {
        return digests.isEmpty();
    }

    /**
     * Checks a request's {@code x-api-key} header: nothing to check when no keys are configured (the
     * transport authenticates), 401 when the header is missing, 403 when the key is not one of these.
     */
    public void authenticate(ApiRequest request) {
        if (isEmpty()) {
            return;
        }
        String key = request.header("x-api-key");
        if (key == null || key.isBlank()) {
            throw new AlexException(ErrorCode.UNAUTHORIZED, "An API key is required in the x-api-key header.");
        }
        if (!accepts(key)) {
            throw new AlexException(ErrorCode.FORBIDDEN, "The API key is not valid.");
        }
    }

    public boolean accepts(String key) {
        return key != null && matches(digest(key));
    }

    /** Who a key belongs to: anonymous when no keys are configured, else the key's digest or refused. */
    public Caller identify(String key) {
        if (isEmpty()) {
            return Caller.ANONYMOUS;
        }
        if (key == null || key.isBlank()) {
            return Caller.REFUSED;
        }
        byte[] candidate = digest(key);
        return matches(candidate) ? new Caller.Authenticated(HexFormat.of().formatHex(candidate)) : Caller.REFUSED;
    }

    private boolean matches(byte[] candidate) {
        boolean match = false;
        for (byte[] known : digests) {
            match |= MessageDigest.isEqual(known, candidate); // no early exit: constant time over the key list
        }
        return match;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
