/** Field usage: per producer state and JSON path, which consumers' contracts rely on it. */
package tech.flashback.creditpacks.tools.usage;
