package io.jenkins.plugins.vertexai.emulator;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The compiled KFP samples in {@code ../shared/kfp-samples} (beside the repository; {@code -Dkfp.samples.dir}
 * overrides) as pipeline specs. Read from there, never copied into the repository; tests are skipped with a
 * message when the folder is missing.
 */
final class KfpSamples {
    static final Path DIR = Path.of(System.getProperty("kfp.samples.dir", "../../shared/kfp-samples")).toAbsolutePath().normalize();

    private KfpSamples() {
    }

    /** The first YAML document of a sample, as a Struct; skips the test when it cannot be read. */
    static Struct load(String file) {
        Path path = DIR.resolve(file);
        Assumptions.assumeTrue(Files.isRegularFile(path), () -> "KFP sample " + path + " is absent: skipped");
        try {
            Iterator<Object> docs = new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(path)).iterator();
            Object first = docs.hasNext() ? docs.next() : null;
            if (!(first instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(file + " has no YAML mapping");
            }
            return struct(map);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    private static Struct struct(Map<?, ?> map) {
        Struct.Builder b = Struct.newBuilder();
        map.forEach((k, v) -> b.putFields(String.valueOf(k), value(v)));
        return b.build();
    }

    private static Value value(Object o) {
        Value.Builder v = Value.newBuilder();
        if (o == null) {
            return v.setNullValue(NullValue.NULL_VALUE).build();
        } else if (o instanceof Map<?, ?> m) {
            return v.setStructValue(struct(m)).build();
        } else if (o instanceof List<?> l) {
            ListValue.Builder list = ListValue.newBuilder();
            l.forEach(item -> list.addValues(value(item)));
            return v.setListValue(list).build();
        } else if (o instanceof Boolean bool) {
            return v.setBoolValue(bool).build();
        } else if (o instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("NaN and infinity have no JSON form");
            }
            return v.setNumberValue(d).build();
        }
        return v.setStringValue(String.valueOf(o)).build();
    }
}
