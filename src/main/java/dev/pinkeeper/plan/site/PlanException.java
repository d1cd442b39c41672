package dev.pinkeeper.plan.site;

import java.util.List;

import dev.pinkeeper.error.ErrorKind;
import dev.pinkeeper.error.PinkeeperException;
import dev.pinkeeper.error.Remedy;

/** A site's plan cannot be read or changed: it is missing, unreadable, or the request makes no sense. */
public class PlanException extends PinkeeperException {
    public PlanException(String message) {
        super(ErrorKind.USAGE, message);
    }

    public PlanException(String message, Throwable cause) {
        super(ErrorKind.USAGE, message, cause);
    }

    /** A request that {@code remedies} make possible. */
    public PlanException(String message, Remedy... remedies) {
        super(ErrorKind.USAGE, message, null, List.of(remedies));
    }

    /** Site {@code site} has no plan yet: creating one helps. */
    public static PlanException noPlan(String site) {
        return new PlanException("site " + site + " has no plan", Remedy.run(Remedy.Operation.PLAN_INIT, site));
    }
}
