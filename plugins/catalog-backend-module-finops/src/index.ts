/**
 * The Costwise permission rules on catalog entities, registered with the
 * catalog plugin.
 *
 * @packageDocumentation
 */
export { catalogModuleFinopsPermissionRules as default } from './module';
