package io.ficus.legacy.support;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

/**
 * A row of the legacy schema with an id assigned by the application (a UUID string), so that
 * saving a new row inserts it at once instead of looking for it first.
 */
@MappedSuperclass
public abstract class LegacyRow implements Persistable<String> {

    @Transient
    private boolean fresh = true;

    @Override
    public boolean isNew() {
        return fresh;
    }

    @PostLoad
    @PostPersist
    void markStored() {
        fresh = false;
    }
}
