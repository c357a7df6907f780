package dev.robust.checkpoint.s3;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Where an s3 checkpoint store is: {@code s3://<bucket>[/<prefix>][?endpoint=<url>&path-style=true&region=<name>]}.
 *
 * <p>{@code endpoint} points the store at any S3-compatible server (MinIO, Ceph, ...) instead of AWS;
 * {@code path-style} addresses the bucket in the path ({@code <endpoint>/<bucket>/<key>}) rather than the host name,
 * which most of those servers need; {@code region} defaults to {@code AWS_REGION} ({@code aws.region}), else
 * {@code us-east-1}. Credentials never go here: they come from the standard AWS environment (see
 * {@link S3CheckpointStore}), and an endpoint with a user part is refused so that none is ever logged.
 */
public record S3Location(String bucket, String prefix, Optional<URI> endpoint, boolean pathStyle,
                         Optional<String> region) {
    public static final String SCHEME = "s3";
    private static final Set<String> PARAMETERS = Set.of("endpoint", "path-style", "region");
    private static final String FORM = "s3://<bucket>[/<prefix>][?endpoint=<url>&path-style=true&region=<name>]";

    /**
     * Parses a store location.
     *
     * @throws IllegalArgumentException naming the part that is wrong and the form expected
     */
    public static S3Location parse(String location) {
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            throw invalid("it is not a URI (" + e.getReason() + ")");
        }
        if (!SCHEME.equals(uri.getScheme()) || uri.getRawAuthority() == null) {
            throw invalid("it is not an s3:// location");
        }
        String bucket = uri.getRawAuthority();
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw invalid("the bucket name must be 3-63 characters: lower-case letters, digits, '.', '-'");
        }
        String prefix = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
        Optional<URI> endpoint = Optional.empty();
        boolean pathStyle = false;
        Optional<String> region = Optional.empty();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                switch (name) {
                    case "endpoint" -> endpoint = Optional.of(endpoint(value));
                    case "path-style" -> pathStyle = bool(value);
                    case "region" -> region = Optional.of(value).filter(v -> !v.isBlank());
                    default -> throw invalid("unknown parameter '" + name + "' (known: "
                            + String.join(", ", PARAMETERS.stream().sorted().toList()) + ")");
                }
            }
        }
        return new S3Location(bucket, prefix, endpoint, pathStyle, region);
    }

    /** {@code s3://<bucket>/<prefix>}: the location without its parameters, for messages and logs. */
    @Override
    public String toString() {
        return SCHEME + "://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    /** The object key of a store-relative uri. */
    String key(String uri) {
        return prefix.isEmpty() ? uri : prefix + "/" + uri;
    }

    /** The key prefix under which every run's objects lie ({@code ""} or {@code <prefix>/}). */
    String runsPrefix() {
        return prefix.isEmpty() ? "" : prefix + "/";
    }

    private static URI endpoint(String value) {
        URI endpoint;
        try {
            endpoint = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid("the endpoint is not a URL (" + e.getReason() + ")");
        }
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())
                || endpoint.getHost() == null) {
            throw invalid("endpoint must be an http:// or https:// URL with a host");
        }
        if (endpoint.getRawUserInfo() != null) {
            // Not echoed: the user part may be a secret.
            throw new IllegalArgumentException("the checkpoint store's endpoint carries credentials; put them in "
                    + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead");
        }
        return endpoint;
    }

    private static boolean bool(String value) {
        if (value.isEmpty() || value.equals("true")) return true;
        if (value.equals("false")) return false;
        throw invalid("path-style must be true or false, got '" + value + "'");
    }

    /** The message names what is wrong but never echoes the location, which may hold a user part by mistake. */
    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("checkpoint store location: " + why + "; expected " + FORM);
    }
}
