package dev.robust.common.profile;

/**
 * What the student learns from ({@code student.loss}): the recipe's distillation loss, or cross-entropy on the
 * noisy views alone. The second is the study's {@code augment-only} control: the same noisy views without the
 * consistency term, so a difference between the two is the consistency loss's doing, not RandAugment's.
 */
public enum StudentLoss {
    /** {@code (CE(y, s) + KL(softmax(t/T) ‖ softmax(s/T))) / 2} against the teacher's clean-view logits. */
    DISTILLATION("distillation"),
    /**
     * {@code CE(y, s)} on the noisy view, the teacher unused. The recipe's loss without its KL term is {@code CE / 2};
     * the factor of two does not change what Adam learns (its steps do not depend on the gradient's scale).
     */
    CROSS_ENTROPY("cross-entropy");

    private final String id;

    StudentLoss(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    static StudentLoss fromId(String key, String id) {
        for (StudentLoss loss : values()) {
            if (loss.id.equals(id)) return loss;
        }
        throw new InvalidProfileException(key, key + " must be distillation or cross-entropy, got '" + id + "'");
    }
}
