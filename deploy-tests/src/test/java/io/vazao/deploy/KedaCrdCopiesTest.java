package io.vazao.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The KEDA CRD schemas are kept in this module so the checks need nothing outside the repository.
 * Where the project's shared schema folder sits beside the repository, the copies must still match
 * it.
 */
class KedaCrdCopiesTest {

    @Test
    void copiesAreTheServedScaledObjectAndTriggerAuthenticationSchemas() {
        for (String file : KedaSchema.CRD_FILES) {
            JsonNode crd = KedaSchema.crd(file);
            assertEquals("keda.sh", crd.at("/spec/group").asText(), file);
            assertTrue(
                    crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec").isObject(),
                    file);
        }
    }

    /**
     * KEDA 2.20 is the first release whose fallback.behavior accepts scalingModifiers (2.15-2.19
     * have the field without that value): the copies must be at least that release, the same test
     * docs/deploy.md tells users to run against their cluster's CRD.
     */
    @Test
    void copiesAreKeda220OrLater() {
        JsonNode behavior =
                KedaSchema.crd("keda.sh_scaledobjects.yaml")
                        .at(
                                "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/fallback/properties/behavior/enum");
        List<String> values = Manifest.items(behavior).map(JsonNode::asText).toList();
        assertTrue(
                values.contains("scalingModifiers"),
                "fallback.behavior enum " + values + " lacks scalingModifiers: KEDA < 2.20");
    }

    @Test
    void copiesMatchTheSharedSchemasWhenPresent() throws IOException {
        Path shared = Repo.root().resolveSibling("shared").resolve("schemas").resolve("keda");
        if (!Files.isDirectory(shared)) {
            return; // nothing to compare with: the copies are the reference
        }
        for (String file : KedaSchema.CRD_FILES) {
            if (Files.exists(shared.resolve(file))) {
                assertEquals(
                        Manifest.YAML.readTree(shared.resolve(file).toFile()),
                        KedaSchema.crd(file),
                        file
                                + " differs from the shared schema: refresh the copy in deploy-tests/src/test/resources/keda-crds/");
            }
        }
    }
}
