package io.jenkins.plugins.vertexai.emulator.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * OAuth 2 access tokens the emulator issued: opaque random strings (shaped like Google's {@code ya29.} tokens),
 * each bound to a service account until it expires. Expiry is wall-clock time, as for real tokens, whatever the
 * simulated clock's speed.
 */
final class AccessTokens {
    /** Google's tokens last an hour; it reports 3599 seconds. */
    static final Duration LIFETIME = Duration.ofSeconds(3599);

    private record Grant(String email, Instant expires) {
    }

    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong issued = new AtomicLong();
    private final Clock clock;

    AccessTokens(Clock clock) {
        this.clock = clock;
    }

    String issue(String email) {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        String token = "ya29." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        grants.values().removeIf(g -> g.expires().isBefore(now)); // keep the map small
        grants.put(token, new Grant(email, now.plus(LIFETIME)));
        issued.incrementAndGet();
        return token;
    }

    /** The account {@code token} was issued to, when it was issued here and has not expired. */
    Optional<String> accountOf(String token) {
        Grant g = grants.get(token);
        return g == null || g.expires().isBefore(clock.instant()) ? Optional.empty() : Optional.of(g.email());
    }

    long issued() {
        return issued.get();
    }
}
