package dev.robust.common.image;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How RandAugment's translate and cutout sizes relate to the view. The recipe's constants (translate ±M/10·100 px,
 * cutout half-size M/10·40 px) are absolute pixels made for 224-pixel images; at 32×32 they blank a third of the
 * noisy views. {@link #RELATIVE} scales them by view side / {@link #REFERENCE_SIDE}, so a view of any size is
 * moved and cut as much, in proportion, as the seed's 72×72 views were.
 */
public enum RandAugmentGeometry {
    /** The recipe's pixel constants whatever the view size (the seed profile: 72×72 views). */
    @JsonProperty("absolute") ABSOLUTE,
    /** The constants scaled by view side / 72. */
    @JsonProperty("relative") RELATIVE;

    /** The side of the seed recipe's views, at which both geometries agree. */
    public static final int REFERENCE_SIDE = 72;

    /** The factor applied to a pixel constant along an axis of {@code side} pixels. */
    public double scale(int side) {
        return this == ABSOLUTE ? 1.0 : (double) side / REFERENCE_SIDE;
    }

    /** The lower-case name used in profiles and JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every id, for messages that list the allowed values. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(RandAugmentGeometry::id).toList();
    }

    /** The geometry called {@code id}, or {@code null} if there is none. */
    public static RandAugmentGeometry fromId(String id) {
        for (RandAugmentGeometry geometry : values()) {
            if (geometry.id().equals(id)) return geometry;
        }
        return null;
    }
}
