/** What other links use of the secret scan (preview posts its PR comments the same way). */
export { commentRequests } from './report/comment.js';
