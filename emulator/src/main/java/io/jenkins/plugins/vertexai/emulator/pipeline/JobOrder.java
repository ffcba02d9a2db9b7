package io.jenkins.plugins.vertexai.emulator.pipeline;

import com.google.cloud.aiplatform.v1beta1.PipelineJob;
import com.google.protobuf.Timestamp;
import io.jenkins.plugins.vertexai.emulator.grpc.FieldViolations;
import java.util.Comparator;
import java.util.function.Function;

/**
 * {@code ListPipelineJobsRequest.order_by}: a comma-separated list of {@code create_time}, {@code update_time},
 * {@code end_time} and {@code start_time}, each ascending unless followed by {@code desc} (the proto: "The default
 * sort order is in ascending order"); without it, {@code create_time desc}. A job without the time (e.g. no end
 * yet) sorts after every job that has it, ascending. Ties keep creation order, newest first.
 */
final class JobOrder {
    /** A listed job: its creation sequence and the job as the list returns it. */
    record Listed(long sequence, PipelineJob job) {
    }

    private JobOrder() {
    }

    /** True when {@code orderBy} is the default order (newest first), which pages by creation sequence. */
    static boolean isDefault(String orderBy) {
        String o = orderBy.trim().replaceAll("\\s+", " ");
        return o.isEmpty() || o.equals("create_time desc");
    }

    static Comparator<Listed> parse(String orderBy) {
        Comparator<Listed> order = null;
        for (String part : orderBy.split(",")) {
            String[] words = part.trim().split("\\s+");
            if (words.length == 0 || words[0].isEmpty() || words.length > 2
                    || (words.length == 2 && !words[1].equalsIgnoreCase("desc") && !words[1].equalsIgnoreCase("asc"))) {
                throw invalid(orderBy, "cannot read '" + part.trim() + "'; use FIELD or FIELD desc");
            }
            Function<PipelineJob, Timestamp> field = switch (words[0]) {
                case "create_time" -> j -> j.hasCreateTime() ? j.getCreateTime() : null;
                case "update_time" -> j -> j.hasUpdateTime() ? j.getUpdateTime() : null;
                case "end_time" -> j -> j.hasEndTime() ? j.getEndTime() : null;
                case "start_time" -> j -> j.hasStartTime() ? j.getStartTime() : null;
                default -> throw invalid(orderBy, "unsupported field '" + words[0] + "'; supported: create_time, update_time, end_time, start_time");
            };
            Comparator<Timestamp> byTime = Comparator.comparingLong(Timestamp::getSeconds).thenComparingInt(Timestamp::getNanos);
            Comparator<Listed> c = Comparator.comparing(l -> field.apply(l.job()), Comparator.nullsLast(byTime));
            if (words.length == 2 && words[1].equalsIgnoreCase("desc")) {
                c = c.reversed();
            }
            order = order == null ? c : order.thenComparing(c);
        }
        return order.thenComparing(Comparator.comparingLong(Listed::sequence).reversed());
    }

    private static RuntimeException invalid(String orderBy, String why) {
        return FieldViolations.single("order_by", "invalid order_by '" + orderBy + "': " + why);
    }
}
