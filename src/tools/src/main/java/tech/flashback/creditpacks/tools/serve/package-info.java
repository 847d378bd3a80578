/**
 * The local stub server ({@code contract-tools serve}): WireMock embedded with its admin API
 * guarded from web pages and other hosts, a journal bounded in entries and bytes without
 * credentials, request bodies bounded, and the stubs served from a private copy.
 */
package tech.flashback.creditpacks.tools.serve;
