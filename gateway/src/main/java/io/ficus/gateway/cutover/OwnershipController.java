package io.ficus.gateway.cutover;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /ficus/api/ownership} (a viewer): the write owner and epoch the gateway stands by for each group, whether
 * it is being handed over, and this instance's last push of it to each application with its outcome.
 */
@RestController
class OwnershipController {

    private final ObjectProvider<OwnershipReconciler> reconciler;
    private final ObjectProvider<OwnershipPusher> pusher;

    OwnershipController(ObjectProvider<OwnershipReconciler> reconciler, ObjectProvider<OwnershipPusher> pusher) {
        this.reconciler = reconciler;
        this.pusher = pusher;
    }

    @GetMapping("/ficus/api/ownership")
    Mono<Map<String, Object>> ownership() {
        return Mono.fromCallable(() -> {
            Map<String, Object> body = new LinkedHashMap<>();
            OwnershipReconciler groups = reconciler.getIfAvailable();
            body.put("pushed", groups != null);
            List<Map<String, Object>> entries = new ArrayList<>();
            if (groups != null) {
                Map<String, OwnershipPusher.LastPush> last = pusher.getObject().lastPushes();
                for (OwnershipReconciler.Current current : groups.all()) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("group", current.group());
                    entry.put("owner", current.owner());
                    entry.put("epoch", current.epoch());
                    entry.put("handingOver", current.handingOver());
                    entry.put("legacy", last.get(current.group() + "@legacy"));
                    entry.put("core", last.get(current.group() + "@core"));
                    entries.add(entry);
                }
            }
            body.put("groups", entries);
            return body;
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
