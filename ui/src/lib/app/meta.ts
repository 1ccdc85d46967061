/** Product facts shown in the About dialog; the version is the package's. */
import { version } from '../../../package.json';

export const APP_NAME = 'Deskbench';
export const APP_VERSION: string = version;
