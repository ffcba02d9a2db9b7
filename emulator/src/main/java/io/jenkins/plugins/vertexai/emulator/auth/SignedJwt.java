package io.jenkins.plugins.vertexai.emulator.auth;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** A compact JWS ({@code header.claims.signature}) read without trusting it; {@link #verifiedBy} checks RS256. */
record SignedJwt(Struct header, Struct claims, byte[] signedPart, byte[] signature) {

    /** Parses {@code text}; throws IllegalArgumentException when it is not a JWS of JSON objects. */
    static SignedJwt parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a JWT");
        }
        try {
            Base64.Decoder d = Base64.getUrlDecoder();
            return new SignedJwt(json(d.decode(parts[0])), json(d.decode(parts[1])),
                    (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), d.decode(parts[2]));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a JWT", e);
        }
    }

    boolean verifiedBy(PublicKey key) {
        if (!"RS256".equals(headerString("alg"))) {
            return false;
        }
        try {
            Signature v = Signature.getInstance("SHA256withRSA");
            v.initVerify(key);
            v.update(signedPart);
            return v.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    String headerString(String name) {
        Value v = header.getFieldsMap().get(name);
        return v == null || v.getKindCase() != Value.KindCase.STRING_VALUE ? null : v.getStringValue();
    }

    String claimString(String name) {
        Value v = claims.getFieldsMap().get(name);
        return v == null || v.getKindCase() != Value.KindCase.STRING_VALUE ? null : v.getStringValue();
    }

    /** A NumericDate claim in epoch seconds, or null. */
    Long claimSeconds(String name) {
        Value v = claims.getFieldsMap().get(name);
        return v == null || v.getKindCase() != Value.KindCase.NUMBER_VALUE ? null : (long) v.getNumberValue();
    }

    private static Struct json(byte[] bytes) throws InvalidProtocolBufferException {
        Struct.Builder b = Struct.newBuilder();
        JsonFormat.parser().merge(new String(bytes, StandardCharsets.UTF_8), b);
        return b.build();
    }
}
