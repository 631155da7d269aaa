package dev.mirrorscope.engine.reach.access;

import java.util.List;

/** The findings of one access analysis. */
public record AccessReport(int interfaces, int vpcs, List<InternetExposure> internetExposed,
        List<AdminExposure> adminExposed, List<CrossVpcPath> crossVpcPaths) {
}
