package io.ficus.legacy.web;

import io.ficus.support.web.IntegrityMessages;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The legacy schema's unique constraints that a client can violate, and the 409 each answers. */
@Configuration(proxyBeanMethods = false)
class ConstraintMessages {

    @Bean
    IntegrityMessages integrityMessages() {
        Map<String, String> messages = new LinkedHashMap<>();
        messages.put("usr_email_ux", "email is already registered");
        messages.put("mbr_prj_usr_ux", "the user already has a membership in this project");
        return new IntegrityMessages(messages);
    }
}
