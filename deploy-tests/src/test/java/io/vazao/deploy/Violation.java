package io.vazao.deploy;

/**
 * One broken rule in a rendered overlay.
 *
 * @param check which check found it (the fixtures name the check they must trip)
 * @param object {@code Kind/name} of the object at fault
 * @param message what is wrong, with the values involved
 */
record Violation(String check, String object, String message) {

    @Override
    public String toString() {
        return "[" + check + "] " + object + ": " + message;
    }
}
