package io.ficus.gateway.catalog;

import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One route of the catalog as configured under {@code ficus.gateway.routes}.
 *
 * @param id              stable identifier, used by the admin API, the toggle store and metrics
 * @param methods         HTTP methods the route answers
 * @param path            Spring path pattern such as {@code /api/tickets/{id}}
 * @param group           the aggregate whose writes the route changes, such as {@code tickets}; writes of one group
 *                        always have one owner
 * @param mode            mode the route starts in the first time the gateway sees it
 * @param percent         canary percentage when {@code mode} is CANARY
 * @param shadowReads     when {@code mode} is NEW, whether the legacy is shadowed for safe reads (refused with any other
 *                        mode)
 * @param write           whether the route changes state; defaults to true for any method but GET and HEAD
 * @param ignore          JSON paths left out of the comparison, such as {@code $.id} or {@code $[*].createdAt};
 *                        {@code *} matches one field or index, {@code **} any number of them
 * @param unorderedArrays whether arrays are compared as multisets
 */
public record RouteSpec(
        String id,
        List<String> methods,
        String path,
        String group,
        @DefaultValue("LEGACY") Mode mode,
        @DefaultValue("0") int percent,
        @DefaultValue("false") boolean shadowReads,
        Boolean write,
        @DefaultValue List<String> ignore,
        @DefaultValue("false") boolean unorderedArrays) {
}
