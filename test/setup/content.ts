/**
 * Each test file starts as a process does: the UI strings and the Traditional fix list installed into the core
 * (t() and toScript() read them; main installs them at start-up through src/content). Lessons and quiz load on use.
 */
import { installShippedStrings } from '../../src/content/shipped.js';

installShippedStrings();
