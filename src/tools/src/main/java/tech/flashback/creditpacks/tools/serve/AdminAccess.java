package tech.flashback.creditpacks.tools.serve;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may use WireMock's admin API ({@code /__admin}): the machine's own tools (curl, a test, a
 * script), never a web page on another origin. Any page a developer has open can send requests to
 * localhost; with stock WireMock's CORS on the admin API it could read the request journal, inject
 * stubs, rewrite mapping files or stop the server. So a request is refused when
 * <ul>
 *   <li>its {@code Host} is not a loopback name or address, nor the address the server is bound to
 *       (a DNS-rebinding page reaches 127.0.0.1 under a name of its own);</li>
 *   <li>it carries an {@code Origin} other than the server's own ({@code http://localhost:<port>},
 *       {@code http://127.0.0.1:<port>}, ...); browsers send one with every cross-origin request and
 *       with every same-origin request but GET and HEAD, and the opaque origin {@code null} is
 *       refused too;</li>
 *   <li>a browser marks it {@code Sec-Fetch-Site} other than {@code same-origin} or {@code none}
 *       (an {@code <img>} or a link's GET carries no Origin, but a browser still says where it
 *       comes from).</li>
 * </ul>
 * A client that sends neither Origin nor Sec-Fetch-Site (curl, Java's and Node's HTTP clients, the
 * Stub Runner) is a program on this machine, and may use the whole admin API.
 */
public final class AdminAccess {

    /** What the admin API does with a request. */
    public enum Verdict {
        ALLOWED,
        /** The request names the server by a host that is not this machine's loopback or bound address. */
        FOREIGN_HOST,
        /** A browser sent it from a page on another origin. */
        CROSS_ORIGIN
    }

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

    private final Set<String> ownHosts;

    private AdminAccess(Set<String> ownHosts) {
        this.ownHosts = ownHosts;
    }

    /**
     * @param bindAddress the address the server listens on: a wildcard ({@code 0.0.0.0}, {@code ::})
     *                    makes every address of this machine's interfaces its own
     */
    public static AdminAccess forBindAddress(String bindAddress) {
        Set<String> hosts = new HashSet<>();
        hosts.add("localhost");
        hosts.add(normalHost("[::1]"));
        hosts.add(normalHost(bindAddress));
        if (isWildcard(bindAddress)) {
            hosts.addAll(interfaceAddresses());
        }
        return new AdminAccess(Set.copyOf(hosts));
    }

    /**
     * @param host         the request's Host header, null when absent (HTTP/1.0)
     * @param origin       its Origin header, null when absent
     * @param fetchSite    its Sec-Fetch-Site header, null when absent
     * @param localPort    the port the request came in on: the server's own origin has it
     */
    public Verdict judge(String host, String origin, String fetchSite, int localPort) {
        if (host != null && !isOwnHost(hostPart(host))) {
            return Verdict.FOREIGN_HOST;
        }
        if (origin != null && !isOwnOrigin(origin, localPort)) {
            return Verdict.CROSS_ORIGIN;
        }
        if (fetchSite != null && !fetchSite.equalsIgnoreCase("same-origin") && !fetchSite.equalsIgnoreCase("none")) {
            return Verdict.CROSS_ORIGIN;
        }
        return Verdict.ALLOWED;
    }

    private boolean isOwnOrigin(String origin, int localPort) {
        URI uri;
        try {
            uri = new URI(origin.strip());
        } catch (URISyntaxException notAnOrigin) {
            return false;
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null
                || uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            return false;
        }
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        return port == localPort && isOwnHost(uri.getHost());
    }

    private boolean isOwnHost(String host) {
        String name = normalHost(host);
        return ownHosts.contains(name) || IPV4_LOOPBACK.matcher(name).matches();
    }

    /** The host of a Host header: without its port, brackets kept around an IPv6 literal. */
    private static String hostPart(String header) {
        String value = header.strip();
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            return close < 0 ? value : value.substring(0, close + 1);
        }
        int colon = value.lastIndexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }

    /** Lower case, without a trailing dot, an IPv6 literal in brackets and its shortest form. */
    private static String normalHost(String host) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        String bare = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        if (bare.contains(":")) {
            try {
                // A literal only: an IPv6 text never makes InetAddress look a name up.
                return "[" + InetAddress.getByName(bare).getHostAddress().replaceFirst("%.*$", "") + "]";
            } catch (UnknownHostException notALiteral) {
                return name;
            }
        }
        return name;
    }

    private static boolean isWildcard(String bindAddress) {
        String bare = bindAddress.strip();
        return bare.equals("0.0.0.0") || bare.equals("::") || bare.equals("[::]") || bare.equals("0:0:0:0:0:0:0:0");
    }

    private static Set<String> interfaceAddresses() {
        Set<String> addresses = new HashSet<>();
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    String text = address.getHostAddress().replaceFirst("%.*$", "");
                    addresses.add(address instanceof Inet6Address ? normalHost("[" + text + "]") : text);
                }
            }
        } catch (SocketException unreadable) {
            // Then only the loopback names count as this machine's.
        }
        return addresses;
    }
}
