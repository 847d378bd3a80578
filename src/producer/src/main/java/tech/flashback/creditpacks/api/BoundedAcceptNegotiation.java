package tech.flashback.creditpacks.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Content negotiation on {@code Accept}, without Spring's limit of 50 media ranges. Spring sorts
 * the ranges with a quadratic sort and refuses longer lists, so a client that accepts
 * {@code application/json} among 50 other types got a 406. The service produces only JSON, so from
 * a longer list only the ranges that match JSON can matter: those are kept (at most 50 of them)
 * and negotiated as usual. Shorter lists go through Spring's own strategy unchanged.
 */
@Configuration(proxyBeanMethods = false)
public class BoundedAcceptNegotiation implements WebMvcConfigurer {

    /** The most media ranges {@link MimeTypeUtils#sortBySpecificity} accepts. */
    static final int SORTABLE = 50;

    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        configurer.strategies(List.of(new Strategy()));
    }

    static final class Strategy implements ContentNegotiationStrategy {

        private final HeaderContentNegotiationStrategy standard = new HeaderContentNegotiationStrategy();

        @Override
        public List<MediaType> resolveMediaTypes(NativeWebRequest request) throws HttpMediaTypeNotAcceptableException {
            String[] accept = request.getHeaderValues(HttpHeaders.ACCEPT);
            if (accept == null) {
                return MEDIA_TYPE_ALL_LIST;
            }
            List<MediaType> ranges;
            try {
                ranges = MediaType.parseMediaTypes(Arrays.asList(accept));
            } catch (InvalidMediaTypeException malformed) {
                throw new HttpMediaTypeNotAcceptableException(
                        "Could not parse the Accept header: " + malformed.getMessage());
            }
            if (ranges.size() <= SORTABLE) {
                return standard.resolveMediaTypes(request);
            }
            List<MediaType> json = ranges.stream()
                    .filter(MediaType.APPLICATION_JSON::isCompatibleWith)
                    .distinct()
                    .limit(SORTABLE)
                    .toList();
            if (json.isEmpty()) {
                return List.of(ranges.get(0));
            }
            List<MediaType> sorted = new ArrayList<>(json);
            MimeTypeUtils.sortBySpecificity(sorted);
            return sorted;
        }
    }
}
