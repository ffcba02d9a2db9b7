package io.jenkins.plugins.vertexai.emulator.auth;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;

/**
 * The IAM permission a method needs and the resource it is checked on, named as Vertex AI names them:
 * {@code CreatePersistentResource} on {@code parent} needs {@code aiplatform.persistentResources.create} on
 * {@code //aiplatform.googleapis.com/projects/P/locations/L}. Derived from the method name (verb + resource type);
 * for create/get/list/delete/cancel of persistent resources and pipeline jobs this matches the documented
 * permissions, for other verbs (reboot, operations) the name is the same derivation, not a verified one.
 */
final class Permissions {
    private static final String[] VERBS = {"Create", "Get", "List", "Delete", "Cancel", "Reboot", "Update", "Wait"};

    private Permissions() {
    }

    /** {@code aiplatform.persistentResources.create} for {@code .../PersistentResourceService/CreatePersistentResource}. */
    static String permission(String fullMethodName) {
        String method = fullMethodName.substring(fullMethodName.lastIndexOf('/') + 1);
        for (String verb : VERBS) {
            if (method.startsWith(verb) && method.length() > verb.length()) {
                String noun = method.substring(verb.length());
                if (!noun.endsWith("s")) {
                    noun += "s";
                }
                return "aiplatform." + Character.toLowerCase(noun.charAt(0)) + noun.substring(1) + "." + verb.toLowerCase(java.util.Locale.ROOT);
            }
        }
        return "aiplatform." + method;
    }

    /** The resource a request acts on: its {@code name}, else its {@code parent}; empty when it has neither. */
    static String resource(Object request) {
        if (request instanceof Message m) {
            for (String field : new String[] {"name", "parent"}) {
                Descriptors.FieldDescriptor f = m.getDescriptorForType().findFieldByName(field);
                if (f != null && f.getType() == Descriptors.FieldDescriptor.Type.STRING) {
                    return (String) m.getField(f);
                }
            }
        }
        return "";
    }
}
