package dev.robust.imaging.corruption;

import dev.robust.imaging.random.ImageRandom;

/**
 * Procedural stand-ins for the reference's five frost photographs: ice needles with side branches over a faint
 * mottled glaze, tinted blue-white. Each texture is generated once from a fixed seed (so every run and machine sees
 * the same five) and frost crops random 32×32 windows from it, like the reference crops its downscaled photos.
 */
final class FrostTexture {
    static final int COUNT = 5;
    static final int SIZE = 128;
    private static final long TEXTURE_SEED = 0x46524F5354L;
    /** Blue-white tint of ice: red, green, blue gains. */
    private static final float[] TINT = {0.82f, 0.9f, 1f};

    private static final float[][] TEXTURES = new float[COUNT][];

    static {
        for (int t = 0; t < COUNT; t++) TEXTURES[t] = generate(ImageRandom.forImage(TEXTURE_SEED, t));
    }

    private FrostTexture() {
    }

    /** Texture {@code index} (0..4): SIZE×SIZE×3, values in [0, 1]. Shared: callers must not modify it. */
    static float[] texture(int index) {
        return TEXTURES[index];
    }

    private static float[] generate(ImageRandom random) {
        float[] glaze = PlasmaFractal.generate(SIZE, 1.6, random);
        float[] ice = new float[SIZE * SIZE];
        for (int i = 0; i < ice.length; i++) ice[i] = 0.3f + 0.3f * glaze[i];
        int needles = 260;
        for (int n = 0; n < needles; n++) {
            double y = random.nextDouble() * SIZE;
            double x = random.nextDouble() * SIZE;
            double angle = random.nextDouble() * Math.PI * 2;
            double length = 4 + random.nextDouble() * 18;
            float brightness = (float) (0.7 + 0.3 * random.nextDouble());
            drawNeedle(ice, y, x, angle, length, brightness);
            int branches = 1 + random.nextInt(4);
            for (int b = 0; b < branches; b++) {
                double along = random.nextDouble() * length;
                double side = random.nextBoolean() ? Math.PI / 3 : -Math.PI / 3;
                drawNeedle(ice, y + along * StrictMath.sin(angle), x + along * StrictMath.cos(angle),
                        angle + side, length * (0.2 + 0.3 * random.nextDouble()), brightness * 0.8f);
            }
        }
        float[] soft = Convolution.gaussian(ice, SIZE, SIZE, 1, 0.6, 4.0, Convolution.Border.REFLECT);
        float[] rgb = new float[SIZE * SIZE * 3];
        for (int i = 0; i < soft.length; i++)
            for (int c = 0; c < 3; c++) rgb[i * 3 + c] = Frame.clip01(soft[i]) * TINT[c];
        return rgb;
    }

    /** Lightens the pixels along a segment (wrapping at the edges) to at least {@code brightness}, fading out. */
    private static void drawNeedle(float[] ice, double y, double x, double angle, double length, float brightness) {
        double dy = StrictMath.sin(angle);
        double dx = StrictMath.cos(angle);
        for (double t = 0; t < length; t += 0.5) {
            int py = Math.floorMod((int) Math.floor(y + t * dy), SIZE);
            int px = Math.floorMod((int) Math.floor(x + t * dx), SIZE);
            float value = brightness * (float) (1 - 0.5 * t / length);
            ice[py * SIZE + px] = Math.max(ice[py * SIZE + px], value);
        }
    }
}
