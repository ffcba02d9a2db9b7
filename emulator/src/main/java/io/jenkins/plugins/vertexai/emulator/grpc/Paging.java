package io.jenkins.plugins.vertexai.emulator.grpc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Page-size/page-token paging over items ordered by a creation sequence number. A token names the last sequence
 * number returned, so items created or deleted between pages neither repeat nor shift the next page; it also carries
 * a fingerprint of the query, so a token from another parent or filter is refused as the service does.
 */
public final class Paging {
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1000;

    private Paging() {
    }

    /** One page and the token for the next one ("" on the last page). */
    public record Page<T>(List<T> items, String nextPageToken) {
    }

    /**
     * @param ordered items in list order: ascending sequence, or descending when {@code descending}
     * @param query   what the token must belong to, e.g. parent and filter
     */
    public static <T> Page<T> page(List<T> ordered, ToLongFunction<T> sequence, boolean descending,
                                   int pageSize, String pageToken, String query) {
        if (pageSize < 0) {
            throw FieldViolations.single("page_size", "must not be negative, got " + pageSize);
        }
        int size = pageSize == 0 ? DEFAULT_PAGE_SIZE : Math.min(pageSize, MAX_PAGE_SIZE);
        Long after = pageToken.isEmpty() ? null : decode(pageToken, query);
        List<T> page = new ArrayList<>(Math.min(size, ordered.size()));
        boolean more = false;
        for (T item : ordered) {
            long seq = sequence.applyAsLong(item);
            if (after != null && (descending ? seq >= after : seq <= after)) {
                continue;
            }
            if (page.size() == size) {
                more = true;
                break;
            }
            page.add(item);
        }
        String next = more ? encode(sequence.applyAsLong(page.get(page.size() - 1)), query) : "";
        return new Page<>(page, next);
    }

    /**
     * Paging by position, for orders other than creation order (e.g. by update time, which changes): the token names the
     * offset of the next item. Items that move between two calls may then repeat or be skipped, as with any
     * offset-based paging.
     */
    public static <T> Page<T> pageByOffset(List<T> ordered, int pageSize, String pageToken, String query) {
        if (pageSize < 0) {
            throw FieldViolations.single("page_size", "must not be negative, got " + pageSize);
        }
        int size = pageSize == 0 ? DEFAULT_PAGE_SIZE : Math.min(pageSize, MAX_PAGE_SIZE);
        long from = pageToken.isEmpty() ? 0 : decode(pageToken, "offset|" + query);
        int start = (int) Math.min(from, ordered.size());
        int end = Math.min(ordered.size(), start + size);
        String next = end < ordered.size() ? encode(end, "offset|" + query) : "";
        return new Page<>(new ArrayList<>(ordered.subList(start, end)), next);
    }

    private static String encode(long sequence, String query) {
        String raw = "v1:" + Integer.toHexString(query.hashCode()) + ":" + sequence;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static long decode(String token, String query) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            if (parts.length == 3 && parts[0].equals("v1") && parts[1].equals(Integer.toHexString(query.hashCode()))) {
                return Long.parseLong(parts[2]);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw FieldViolations.single("page_token", "invalid page token, or one from a request with other parameters;"
                + " pass the next_page_token of the previous response with the same parent and filter");
    }
}
