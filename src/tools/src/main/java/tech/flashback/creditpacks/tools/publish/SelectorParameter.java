package tech.flashback.creditpacks.tools.publish;

/**
 * A query parameter that selects a contract's stub in any state: the value published requests and
 * documents show, and the pattern stubs match it with (null: exactly that value).
 */
record SelectorParameter(String example, String pattern) {}
