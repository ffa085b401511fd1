package io.ficus.support.web;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets controllers take the authenticated caller as a parameter: the value of {@code type} that the application's
 * authentication put in the request attribute {@code attribute}. Each application has its own caller type and
 * registers one of these in its {@code WebMvcConfigurer}.
 */
public final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    private final Class<?> type;
    private final String attribute;

    public CallerArgumentResolver(Class<?> type, String attribute) {
        this.type = type;
        this.attribute = attribute;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == type;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binders) {
        Object caller = request.getAttribute(attribute, RequestAttributes.SCOPE_REQUEST);
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller on this route");
        }
        return caller;
    }
}
