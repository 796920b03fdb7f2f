import { createBackendModule } from '@backstage/backend-plugin-api';
import { attributionSignalsExtensionPoint } from '@costwise/plugin-finops-node';

/** A finops module whose signal gives every untagged S3 bucket to `component:default/shop`. */
export default createBackendModule({
  pluginId: 'finops',
  moduleId: 'test-bucket-owners',
  register(env) {
    env.registerInit({
      deps: { signals: attributionSignalsExtensionPoint },
      async init({ signals }) {
        signals.addSignal({
          id: 'bucket-owners',
          level: 'resource-id',
          match: group =>
            group.serviceName === 'S3' && group.resourceId
              ? [
                  {
                    entityRef: 'component:default/shop',
                    specificity: 1,
                    selector: 'bucket-owners table',
                    matched: { resourceId: group.resourceId },
                  },
                ]
              : [],
        });
      },
    });
  },
});
