// The app's router, for code below the router (the request client) that must navigate without
// importing the router module: the router's guard depends on that code, so a direct import is a cycle.
import type { Router } from 'vue-router'

let bound: Router | null = null

export function bindRouter(router: Router): void {
  bound = router
}

/** The router bound at start-up (null before, e.g. in a test that does not create one). */
export function boundRouter(): Router | null {
  return bound
}
