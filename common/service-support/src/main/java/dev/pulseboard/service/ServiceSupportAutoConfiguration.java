package dev.pulseboard.service;

import dev.pulseboard.service.problems.ProblemExceptionHandler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/** Brings problem+json error handling to every service that depends on this module. */
@AutoConfiguration
@Import(ProblemExceptionHandler.class)
public class ServiceSupportAutoConfiguration {
}
