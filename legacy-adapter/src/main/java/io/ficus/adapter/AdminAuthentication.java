package io.ficus.adapter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** HTTP Basic on the admin API ({@code /ficus/**}) with the configured credentials. */
@Configuration(proxyBeanMethods = false)
class AdminAuthentication implements WebMvcConfigurer {

    private final AdapterProperties properties;

    AdminAuthentication(AdapterProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
                var admin = properties.admin();
                if (admin == null || !admin.configured()) {
                    return refuse(response, 503, "Service Unavailable", "The admin API is disabled: set ficus.adapter.admin.username and password");
                }
                String expected = "Basic " + Base64.getEncoder().encodeToString(
                        (admin.username() + ":" + admin.password()).getBytes(StandardCharsets.UTF_8));
                String given = request.getHeader("Authorization");
                if (given == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
                    response.setHeader("WWW-Authenticate", "Basic realm=\"ficus\"");
                    return refuse(response, 401, "Unauthorized", "Admin credentials are missing or wrong");
                }
                return true;
            }
        }).addPathPatterns("/ficus/**");
    }

    private static boolean refuse(HttpServletResponse response, int status, String error, String message) throws java.io.IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write("{\"status\":" + status + ",\"error\":\"" + error + "\",\"message\":\"" + message + "\"}");
        return false;
    }
}
