package io.jenkins.plugins.vertexai.emulator.auth;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The service accounts the emulator knows: for each, the public halves of its keys and whether it holds a Vertex AI
 * role. IAM is simplified to that one bit: an account with the role may call every method, one without may call none.
 * Private keys are handed out once, in the key JSON, and not kept.
 */
public final class ServiceAccounts {
    /** Account ids as IAM accepts them: 6–30 characters, lower-case letters, digits and dashes, starting with a letter. */
    private static final Pattern ACCOUNT_ID = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    private static final Pattern PROJECT_ID = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");

    /** One account: its email, role bit and keys by key id. */
    record Account(String email, boolean hasRole, Map<String, PublicKey> keys) {
    }

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /**
     * Creates (or adds a key to) the account {@code accountId@projectId.iam.gserviceaccount.com} and returns the new
     * key in Google's service-account key JSON format, with {@code token_uri} pointing at {@code tokenUri}.
     * The returned text holds a private key: a secret.
     */
    String createKey(String accountId, String projectId, boolean hasRole, String tokenUri) {
        if (!ACCOUNT_ID.matcher(accountId).matches()) {
            throw new IllegalArgumentException("service account id '" + accountId
                    + "' must be 6 to 30 lower-case letters, digits or dashes, starting with a letter");
        }
        if (!PROJECT_ID.matcher(projectId).matches()) {
            throw new IllegalArgumentException("project id '" + projectId
                    + "' must be 6 to 30 lower-case letters, digits or dashes, starting with a letter");
        }
        String email = accountId + "@" + projectId + ".iam.gserviceaccount.com";
        KeyPair pair = rsaKeyPair();
        byte[] id = new byte[20];
        random.nextBytes(id);
        String keyId = HexFormat.of().formatHex(id);
        Account account = accounts.compute(email, (k, old) -> {
            Map<String, PublicKey> keys = new ConcurrentHashMap<>(old == null ? Map.of() : old.keys());
            keys.put(keyId, pair.getPublic());
            return new Account(email, hasRole, keys);
        });
        Struct key = Struct.newBuilder()
                .putFields("type", text("service_account"))
                .putFields("project_id", text(projectId))
                .putFields("private_key_id", text(keyId))
                .putFields("private_key", text("-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n"))
                .putFields("client_email", text(account.email()))
                .putFields("client_id", text(clientId(email)))
                .putFields("token_uri", text(tokenUri))
                .putFields("universe_domain", text("googleapis.com"))
                .build();
        try {
            return JsonFormat.printer().print(key);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    Optional<Account> find(String email) {
        return Optional.ofNullable(email == null ? null : accounts.get(email));
    }

    /** Keys of {@code account} to try for a signature: the one named by {@code keyId}, or all when none is named. */
    static List<PublicKey> candidateKeys(Account account, String keyId) {
        if (keyId == null || keyId.isEmpty()) {
            return List.copyOf(account.keys().values());
        }
        PublicKey k = account.keys().get(keyId);
        return k == null ? List.of() : List.of(k);
    }

    /** A stable 21-digit numeric id, as Google gives each account. */
    private static String clientId(String email) {
        long h = email.hashCode() & 0xffffffffL;
        return "1" + String.format("%020d", h * 1_000_003L);
    }

    private KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Value text(String s) {
        return Value.newBuilder().setStringValue(s).build();
    }
}
