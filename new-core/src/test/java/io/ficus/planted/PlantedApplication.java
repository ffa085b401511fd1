package io.ficus.planted;

/** Root of a deliberately broken module structure, used only to prove the verification fails. */
@org.springframework.modulith.Modulithic
public class PlantedApplication {
}
