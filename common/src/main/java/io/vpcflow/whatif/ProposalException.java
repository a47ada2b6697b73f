package io.vpcflow.whatif;

/** A proposal (a plan, a proposed inventory) that cannot be read; the message is one sentence naming what. */
public final class ProposalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProposalException(String message) {
        super(message);
    }
}
