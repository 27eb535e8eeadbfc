package io.groupsync.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a record component a setting. Its key is the component's name in kebab case ({@code commitInterval} is
 * {@code commit-interval}), so the file, the record and the table say one name. The reader, the unknown-key check and
 * {@code config --describe} all work from these, so a setting added to a record is read, checked and documented.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
@interface Setting {

    String REQUIRED = "required";

    String doc();

    /** The default as an operator writes it, read like a given value; {@link #REQUIRED} when there is none. */
    String byDefault() default REQUIRED;

    /** Instead of a fixed default: what the record's rules compute when the setting is left out, for the table. */
    String computed() default "";

    /** The least value allowed, written as values of the setting are ({@code 2}, {@code 10m}). */
    String min() default "";

    String max() default "";

    /** For a duration that must be more than zero. */
    boolean positive() default false;

    /** A regular expression the whole text must match, and the rule a problem states when it does not. */
    String pattern() default "";

    String rule() default "";

    /** False for a route's name: the route's overrides are named after it, so it cannot be overridden itself. */
    boolean fromEnv() default true;
}
