package io.jenkins.plugins.vertexai.emulator.auth;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;

/**
 * The IAM permission a method needs and the resource it is checked on, named as Vertex AI names them:
 * {@code CreatePersistentResource} on {@code parent} needs {@code aiplatform.persistentResources.create} on
 * {@code //aiplatform.googleapis.com/projects/P/locations/L}. Derived from the method name (verb + resource type);
 * for create/get/list/delete/cancel of persistent resources and pipeline jobs this matches the documented
 * permissions, for other verbs (reboot, operations) the name is the same derivation, not a verified one. Cloud
 * Logging's methods are named for their own service: {@code ListLogEntries} needs {@code logging.logEntries.list} on
 * {@code //logging.googleapis.com/projects/P}.
 */
final class Permissions {
    private static final String[] VERBS = {"Create", "Get", "List", "Delete", "Cancel", "Reboot", "Update", "Wait"};

    private Permissions() {
    }

    /** The API a method belongs to: {@code logging} for Cloud Logging's, else {@code aiplatform}. */
    static String api(String fullMethodName) {
        return fullMethodName.startsWith("google.logging.") ? "logging" : "aiplatform";
    }

    /** {@code aiplatform.persistentResources.create} for {@code .../PersistentResourceService/CreatePersistentResource}. */
    static String permission(String fullMethodName) {
        String api = api(fullMethodName);
        String method = fullMethodName.substring(fullMethodName.lastIndexOf('/') + 1);
        for (String verb : VERBS) {
            if (method.startsWith(verb) && method.length() > verb.length()) {
                String noun = method.substring(verb.length());
                if (!noun.endsWith("s")) {
                    noun += "s";
                }
                return api + "." + Character.toLowerCase(noun.charAt(0)) + noun.substring(1) + "." + verb.toLowerCase(java.util.Locale.ROOT);
            }
        }
        return api + "." + method;
    }

    /**
     * The resource a request acts on: its {@code name}, else its {@code parent}, else the first of its
     * {@code resource_names} (Cloud Logging's list); empty when it has none.
     */
    static String resource(Object request) {
        if (request instanceof Message m) {
            for (String field : new String[] {"name", "parent", "resource_names"}) {
                Descriptors.FieldDescriptor f = m.getDescriptorForType().findFieldByName(field);
                if (f == null || f.getType() != Descriptors.FieldDescriptor.Type.STRING) {
                    continue;
                }
                if (!f.isRepeated()) {
                    return (String) m.getField(f);
                }
                if (m.getRepeatedFieldCount(f) > 0) {
                    return (String) m.getRepeatedField(f, 0);
                }
            }
        }
        return "";
    }
}
