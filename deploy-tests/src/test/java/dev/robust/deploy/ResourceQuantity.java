package dev.robust.deploy;

import java.math.BigDecimal;
import java.util.Map;

/** Kubernetes resource quantities ({@code 500m}, {@code 2}, {@code 1536Mi}, {@code 4Gi}) as plain numbers. */
final class ResourceQuantity {
    private static final Map<String, BigDecimal> SUFFIXES = Map.of(
            "m", new BigDecimal("0.001"),
            "k", BigDecimal.valueOf(1_000L), "M", BigDecimal.valueOf(1_000_000L),
            "G", BigDecimal.valueOf(1_000_000_000L), "T", BigDecimal.valueOf(1_000_000_000_000L),
            "Ki", BigDecimal.valueOf(1L << 10), "Mi", BigDecimal.valueOf(1L << 20),
            "Gi", BigDecimal.valueOf(1L << 30), "Ti", BigDecimal.valueOf(1L << 40));

    private ResourceQuantity() {
    }

    static BigDecimal parse(String quantity) {
        String text = quantity.trim();
        int digitsEnd = text.length();
        while (digitsEnd > 0 && Character.isLetter(text.charAt(digitsEnd - 1))) digitsEnd--;
        String suffix = text.substring(digitsEnd);
        BigDecimal factor = suffix.isEmpty() ? BigDecimal.ONE : SUFFIXES.get(suffix);
        if (factor == null || digitsEnd == 0) {
            throw new AssertionError("not a Kubernetes quantity: '" + quantity + "' (expected e.g. 500m, 2, 1536Mi)");
        }
        try {
            return new BigDecimal(text.substring(0, digitsEnd)).multiply(factor);
        } catch (NumberFormatException e) {
            throw new AssertionError("not a Kubernetes quantity: '" + quantity + "'", e);
        }
    }
}
