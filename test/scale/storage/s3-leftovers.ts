/** What interrupted or refused puts left in a bucket, for the scale tests' "nothing left behind". */
import { ListMultipartUploadsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';

/** Objects under tmp/ and unfinished multipart uploads. */
export async function s3Leftovers(client: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const objects = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${prefix}tmp/` }));
  const uploads = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix }));
  return [...(objects.Contents ?? []).map((o) => `object ${o.Key}`), ...(uploads.Uploads ?? []).map((u) => `upload ${u.Key} ${u.UploadId}`)];
}
