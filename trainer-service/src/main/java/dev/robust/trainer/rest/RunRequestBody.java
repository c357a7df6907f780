package dev.robust.trainer.rest;

import java.util.Map;

/**
 * The body of {@code POST /runs}: a profile ({@code seed}, {@code quick} or {@code ci}; {@code quick} when absent)
 * and settings to change in it, keyed as in {@code common/src/main/resources/profiles/*.properties}.
 */
public record RunRequestBody(String profile, Map<String, Object> overrides) {
}
