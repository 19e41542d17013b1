package app.alex.core.extract;

import app.alex.core.error.ErrorCode;
import org.mozilla.universalchardet.UniversalDetector;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/**
 * Turns the bytes of a text file into a string whatever its encoding: byte-order mark first,
 * then UTF-8 if the bytes are (mostly) valid UTF-8, then juniversalchardet's guess, then
 * Windows-1252. Bytes that do not decode become U+FFFD; nothing here throws on bad bytes.
 * Binary content (many NUL or control bytes, outside UTF-16) is refused.
 */
final class TextDecoding {
    /** How much of a file the binary check and the charset detector look at. */
    private static final int SAMPLE = 64 * 1024;
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

    private TextDecoding() {
    }

    /** The decoded text, not yet normalised. */
    static String decode(byte[] bytes) throws ExtractionException {
        return decode(bytes, null);
    }

    /**
     * @param declared a charset the content declares about itself (an HTML meta tag), used when
     *                 there is no byte-order mark; may be null
     */
    static String decode(byte[] bytes, Charset declared) throws ExtractionException {
        int n = bytes.length;
        if (n == 0) {
            return "";
        }
        // Byte-order marks, longest first (the UTF-32LE mark starts like the UTF-16LE one). A mark
        // proves nothing about the rest: the decoded characters get the binary check instead.
        if (startsWith(bytes, 0x00, 0x00, 0xFE, 0xFF)) {
            return requireTextChars(new String(bytes, 4, n - 4, UTF_32BE));
        }
        if (startsWith(bytes, 0xFF, 0xFE, 0x00, 0x00)) {
            return requireTextChars(new String(bytes, 4, n - 4, UTF_32LE));
        }
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return requireTextChars(new String(bytes, 3, n - 3, StandardCharsets.UTF_8));
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return requireTextChars(new String(bytes, 2, n - 2, StandardCharsets.UTF_16BE));
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return requireTextChars(new String(bytes, 2, n - 2, StandardCharsets.UTF_16LE));
        }
        Charset utf16 = utf16WithoutMark(bytes);
        if (utf16 != null) {
            return requireTextChars(new String(bytes, utf16));
        }
        requireText(bytes);
        if (declared != null) {
            return new String(bytes, declared);
        }
        return new String(bytes, guess(bytes));
    }

    /**
     * Refuses content that is plainly not text: more than 3% NUL or control bytes. A stray NUL or
     * control byte in a real text file is tolerated (the normaliser strips it).
     */
    static void requireText(byte[] bytes) throws ExtractionException {
        int limit = Math.min(bytes.length, SAMPLE);
        int suspicious = 0;
        for (int i = 0; i < limit; i++) {
            int b = bytes[i] & 0xFF;
            if ((b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1B) || b == 0x7F) {
                suspicious++;
            }
        }
        if (suspicious >= 4 && suspicious * 100L > limit * 3L) {
            throw binary();
        }
    }

    /**
     * The binary check for text decoded from a byte-order mark or UTF-16: binary bytes read as
     * UTF-16 or UTF-32 become control characters, undecodable U+FFFD, private-use, unassigned
     * or lone surrogate code points, which real text in any script hardly has.
     */
    static String requireTextChars(String text) throws ExtractionException {
        int seen = 0;
        int suspicious = 0;
        for (int i = 0; i < text.length() && seen < SAMPLE; seen++) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            boolean control = cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t' && cp != '\f' && cp != 0x1B;
            int type = Character.getType(cp);
            if (control || cp == 0x7F || cp == 0xFFFD || type == Character.UNASSIGNED || type == Character.PRIVATE_USE
                    || type == Character.SURROGATE) {
                suspicious++;
            }
        }
        if (suspicious >= 4 && suspicious * 100L > seen * 3L) {
            throw binary();
        }
        return text;
    }

    private static ExtractionException binary() {
        return new ExtractionException(ErrorCode.UNPROCESSABLE_DOCUMENT,
                "binary file, not text: the content holds NUL or control bytes that text files do not have");
    }

    private static Charset guess(byte[] bytes) {
        long[] utf8 = scanUtf8(bytes);
        long multiByte = utf8[0];
        long invalid = utf8[1];
        if (invalid == 0) {
            return StandardCharsets.UTF_8; // plain ASCII lands here too
        }
        if (multiByte > 0 && invalid <= multiByte) {
            return StandardCharsets.UTF_8; // UTF-8 with a few bad bytes: they become U+FFFD
        }
        var detector = new UniversalDetector();
        detector.handleData(bytes, 0, Math.min(bytes.length, SAMPLE));
        detector.dataEnd();
        String name = detector.getDetectedCharset();
        if (name == null) {
            return WINDOWS_1252;
        }
        try {
            Charset detected = Charset.forName(name);
            // ISO-8859-1 and ASCII guesses read 0x80-0x9F as control codes; Windows-1252 reads them as
            // the quotes and dashes such files actually hold (as browsers do).
            if (detected.equals(StandardCharsets.ISO_8859_1) || detected.equals(StandardCharsets.US_ASCII)
                    || detected.equals(StandardCharsets.UTF_8)) {
                return WINDOWS_1252;
            }
            return detected;
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return WINDOWS_1252;
        }
    }

    /** {valid multi-byte sequences, invalid bytes} of the content read as UTF-8. */
    static long[] scanUtf8(byte[] b) {
        long multi = 0;
        long invalid = 0;
        int i = 0;
        int n = b.length;
        while (i < n) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int len;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                len = 2;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                len = 3;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                len = 4;
                min = 0x10000;
            } else {
                invalid++;
                i++;
                continue;
            }
            if (i + len > n) {
                invalid++;
                i++;
                continue;
            }
            int cp = c & (0xFF >> (len + 1));
            boolean ok = true;
            for (int k = 1; k < len; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    ok = false;
                    break;
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (ok && cp >= min && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF)) {
                multi++;
                i += len;
            } else {
                invalid++;
                i++;
            }
        }
        return new long[]{multi, invalid};
    }

    /** UTF-16 without a byte-order mark shows as NUL bytes on every other position (for Latin text). */
    private static Charset utf16WithoutMark(byte[] bytes) {
        int limit = Math.min(bytes.length, SAMPLE) & ~1;
        if (limit < 4) {
            return null;
        }
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = 0; i < limit; i += 2) {
            if (bytes[i] == 0) {
                evenZeros++;
            }
            if (bytes[i + 1] == 0) {
                oddZeros++;
            }
        }
        int pairs = limit / 2;
        if (oddZeros * 10 > pairs * 7 && evenZeros * 20 < pairs) {
            return StandardCharsets.UTF_16LE;
        }
        if (evenZeros * 10 > pairs * 7 && oddZeros * 20 < pairs) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    /** True when the bytes begin with the given unsigned byte values (magic numbers, byte-order marks). */
    static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
